import type { Locale } from './common.js';

/**
 * Error and validation messages shared by the API (problem details) and the web app (inline errors).
 * Keys are the `code` of a DomainError or the `message` code of a zod issue.
 */
export const ERROR_MESSAGES: Record<Locale, Record<string, string>> = {
  fr: {
    required: 'Ce champ est obligatoire.',
    too_long: 'Ce texte est trop long.',
    too_short: 'Ce texte est trop court.',
    forbidden_characters: 'Les caractères < et > ne sont pas acceptés.',
    nul_character: 'Ce texte contient un caractère nul (U+0000), qui n’est pas accepté.',
    invalid_email: 'Cette adresse e-mail n’est pas valide.',
    invalid_phone: 'Ce numéro de téléphone n’est pas valide.',
    invalid_date: 'Cette date n’est pas valide (AAAA-MM-JJ).',
    invalid_postal_code: 'Le code postal doit comporter 5 chiffres.',
    password_too_short: 'Le mot de passe doit comporter au moins 10 caractères.',
    at_least_one_role: 'Choisissez au moins un rôle.',
    invalid_value: 'Cette valeur n’est pas valide.',
    VALIDATION_FAILED: 'Certains champs sont incorrects.',
    UNAUTHENTICATED: 'Veuillez vous connecter.',
    FORBIDDEN: 'Vous n’avez pas accès à cette ressource.',
    NOT_FOUND: 'Introuvable.',
    STALE_RECORD: 'Cette fiche a été modifiée par quelqu’un d’autre entre-temps. Rechargez-la avant d’enregistrer vos changements.',
    INVALID_CREDENTIALS: 'Adresse e-mail ou mot de passe incorrect.',
    TOO_MANY_ATTEMPTS: 'Trop de tentatives. Réessayez dans quelques minutes.',
    CSRF_FAILED: 'Votre session a expiré. Rechargez la page.',
    TOKEN_INVALID: 'Ce lien n’est plus valide. Demandez-en un nouveau.',
    EMAIL_TAKEN: 'Cette adresse e-mail est déjà utilisée.',
    SETUP_DONE: 'L’organisation est déjà configurée.',
    MINOR_NEEDS_GUARDIAN: 'Un élève mineur doit avoir au moins un responsable légal dans la famille.',
    FAMILY_NEEDS_CONTACT: 'Indiquez au moins un responsable avec un e-mail ou un téléphone.',
    LAST_ADMIN: 'Il doit rester au moins un administrateur actif.',
    RATE_LIMITED: 'Trop de requêtes. Réessayez dans un instant.',
    PAYLOAD_TOO_LARGE: 'Le contenu envoyé est trop volumineux.',
    URI_TOO_LONG: 'L’adresse demandée est trop longue.',
    INTERNAL: 'Une erreur inattendue est survenue. L’équipe technique a été prévenue.',
  },
  en: {
    required: 'This field is required.',
    too_long: 'This text is too long.',
    too_short: 'This text is too short.',
    forbidden_characters: 'The characters < and > are not allowed.',
    nul_character: 'This text contains a null character (U+0000), which is not accepted.',
    invalid_email: 'This e-mail address is not valid.',
    invalid_phone: 'This phone number is not valid.',
    invalid_date: 'This date is not valid (YYYY-MM-DD).',
    invalid_postal_code: 'A postal code has 5 digits.',
    password_too_short: 'The password must have at least 10 characters.',
    at_least_one_role: 'Choose at least one role.',
    invalid_value: 'This value is not valid.',
    VALIDATION_FAILED: 'Some fields are not valid.',
    UNAUTHENTICATED: 'Please log in.',
    FORBIDDEN: 'You do not have access to this resource.',
    NOT_FOUND: 'Not found.',
    STALE_RECORD: 'Someone else changed this record in the meantime. Reload it before saving your changes.',
    INVALID_CREDENTIALS: 'Wrong e-mail address or password.',
    TOO_MANY_ATTEMPTS: 'Too many attempts. Try again in a few minutes.',
    CSRF_FAILED: 'Your session has expired. Reload the page.',
    TOKEN_INVALID: 'This link is no longer valid. Ask for a new one.',
    EMAIL_TAKEN: 'This e-mail address is already in use.',
    SETUP_DONE: 'The organisation is already set up.',
    MINOR_NEEDS_GUARDIAN: 'A minor student needs at least one guardian in the family.',
    FAMILY_NEEDS_CONTACT: 'Give at least one guardian with an e-mail or a phone number.',
    LAST_ADMIN: 'At least one active administrator must remain.',
    RATE_LIMITED: 'Too many requests. Try again in a moment.',
    PAYLOAD_TOO_LARGE: 'What you sent is too large.',
    URI_TOO_LONG: 'The address asked for is too long.',
    INTERNAL: 'Something unexpected went wrong. The technical team has been told.',
  },
};

/** Other modules add their own codes here at start-up (see each module's messages file). */
export function registerMessages(extra: Record<Locale, Record<string, string>>): void {
  Object.assign(ERROR_MESSAGES.fr, extra.fr);
  Object.assign(ERROR_MESSAGES.en, extra.en);
}

export function messageFor(locale: Locale, code: string): string {
  return ERROR_MESSAGES[locale][code] ?? ERROR_MESSAGES[locale].invalid_value ?? code;
}
