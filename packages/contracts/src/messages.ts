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
    text_unpaired_surrogate:
      'Ce texte contient un caractère mal encodé (la moitié d’un caractère, un emoji coupé) : saisissez-le à nouveau.',
    text_line_break: 'Ce champ tient sur une seule ligne : retirez le retour à la ligne.',
    text_control_character:
      'Ce texte contient un caractère de contrôle invisible (caractère nul, tabulation…) : retirez-le.',
    text_bidi_control:
      'Ce texte contient un caractère invisible qui inverse le sens de l’écriture (U+202A–202E, U+2066–2069).',
    nul_character: 'Ce texte contient un caractère nul (U+0000), qui n’est pas accepté.',
    invalid_email: 'Cette adresse e-mail n’est pas valide.',
    invalid_phone: 'Ce numéro de téléphone n’est pas valide.',
    invalid_date: 'Cette date n’est pas valide (AAAA-MM-JJ).',
    invalid_postal_code: 'Le code postal doit comporter 5 chiffres.',
    password_too_short: 'Le mot de passe doit comporter au moins 10 caractères.',
    password_common: 'Ce mot de passe fait partie des plus répandus, les premiers essayés : choisissez-en un autre.',
    WRONG_CURRENT_PASSWORD: 'Le mot de passe actuel n’est pas le bon.',
    at_least_one_role: 'Choisissez au moins un rôle.',
    invalid_value: 'Cette valeur n’est pas valide.',
    VALIDATION_FAILED: 'Certains champs sont incorrects.',
    UNAUTHENTICATED: 'Veuillez vous connecter.',
    FORBIDDEN: 'Vous n’avez pas accès à cette ressource.',
    NOT_FOUND: 'Introuvable.',
    STALE_RECORD: 'Cette fiche a été modifiée par quelqu’un d’autre entre-temps. Rechargez-la avant d’enregistrer vos changements.',
    INVALID_CREDENTIALS: 'Adresse e-mail ou mot de passe incorrect.',
    TOO_MANY_ATTEMPTS: 'Trop de tentatives depuis votre adresse. Réessayez dans quelques minutes.',
    LOGIN_DELAYED: 'Plusieurs mots de passe incorrects pour ce compte. Patientez un moment avant de réessayer.',
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
    text_unpaired_surrogate:
      'This text contains a badly encoded character (half of a character, a cut emoji): type it again.',
    text_line_break: 'This field holds a single line: remove the line break.',
    text_control_character:
      'This text contains an invisible control character (null character, tab…): remove it.',
    text_bidi_control:
      'This text contains an invisible character that reverses the writing direction (U+202A–202E, U+2066–2069).',
    nul_character: 'This text contains a null character (U+0000), which is not accepted.',
    invalid_email: 'This e-mail address is not valid.',
    invalid_phone: 'This phone number is not valid.',
    invalid_date: 'This date is not valid (YYYY-MM-DD).',
    invalid_postal_code: 'A postal code has 5 digits.',
    password_too_short: 'The password must have at least 10 characters.',
    password_common: 'This password is one of the most common ones, so among the first tried: choose another one.',
    WRONG_CURRENT_PASSWORD: 'The current password is not the right one.',
    at_least_one_role: 'Choose at least one role.',
    invalid_value: 'This value is not valid.',
    VALIDATION_FAILED: 'Some fields are not valid.',
    UNAUTHENTICATED: 'Please log in.',
    FORBIDDEN: 'You do not have access to this resource.',
    NOT_FOUND: 'Not found.',
    STALE_RECORD: 'Someone else changed this record in the meantime. Reload it before saving your changes.',
    INVALID_CREDENTIALS: 'Wrong e-mail address or password.',
    TOO_MANY_ATTEMPTS: 'Too many attempts from your address. Try again in a few minutes.',
    LOGIN_DELAYED: 'Several wrong passwords were entered for this account. Wait a moment before trying again.',
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
