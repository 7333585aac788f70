import { defineErrors } from './define.js';

/** Codes of the platform: authentication, access, validation, limits. Lower-case codes are field problems (zod issues). */
export const PLATFORM_ERRORS = defineErrors({
  required: { status: 422, fr: 'Ce champ est obligatoire.', en: 'This field is required.' },
  too_long: { status: 422, fr: 'Ce texte est trop long.', en: 'This text is too long.' },
  too_short: { status: 422, fr: 'Ce texte est trop court.', en: 'This text is too short.' },
  too_few_items: {
    status: 422,
    fr: 'Cette liste est incomplète : ajoutez-y au moins un élément.',
    en: 'This list is incomplete: add at least one item to it.',
  },
  too_many_items: { status: 422, fr: 'Cette liste a trop d’éléments.', en: 'This list has too many items.' },
  out_of_range: {
    status: 422,
    fr: 'Cette valeur est hors des limites permises.',
    en: 'This value is outside the allowed range.',
  },
  forbidden_characters: {
    status: 422,
    fr: 'Les caractères < et > ne sont pas acceptés.',
    en: 'The characters < and > are not allowed.',
  },
  text_unpaired_surrogate: {
    status: 422,
    fr: 'Ce texte contient un caractère mal encodé (la moitié d’un caractère, un emoji coupé) : saisissez-le à nouveau.',
    en: 'This text contains a badly encoded character (half of a character, a cut emoji): type it again.',
  },
  text_line_break: {
    status: 422,
    fr: 'Ce champ tient sur une seule ligne : retirez le retour à la ligne.',
    en: 'This field holds a single line: remove the line break.',
  },
  text_control_character: {
    status: 422,
    fr: 'Ce texte contient un caractère de contrôle invisible (caractère nul, tabulation…) : retirez-le.',
    en: 'This text contains an invisible control character (null character, tab…): remove it.',
  },
  text_bidi_control: {
    status: 422,
    fr: 'Ce texte contient un caractère invisible qui inverse le sens de l’écriture (U+202A–202E, U+2066–2069).',
    en: 'This text contains an invisible character that reverses the writing direction (U+202A–202E, U+2066–2069).',
  },
  nul_character: {
    status: 422,
    fr: 'Ce texte contient un caractère nul (U+0000), qui n’est pas accepté.',
    en: 'This text contains a null character (U+0000), which is not accepted.',
  },
  invalid_email: { status: 422, fr: 'Cette adresse e-mail n’est pas valide.', en: 'This e-mail address is not valid.' },
  invalid_phone: { status: 422, fr: 'Ce numéro de téléphone n’est pas valide.', en: 'This phone number is not valid.' },
  invalid_date: {
    status: 422,
    fr: 'Cette date n’est pas valide (AAAA-MM-JJ).',
    en: 'This date is not valid (YYYY-MM-DD).',
  },
  invalid_postal_code: {
    status: 422,
    fr: 'Le code postal doit comporter 5 chiffres.',
    en: 'A postal code has 5 digits.',
  },
  unknown_postal_code: {
    status: 422,
    fr: 'Code postal inconnu : vérifiez-le.',
    en: 'Unknown postal code: please check it.',
  },
  postal_code_cedex: {
    status: 422,
    fr: 'Un code CEDEX ne situe pas l’adresse : indiquez le code postal de la commune.',
    en: 'A CEDEX code does not locate the address: give the commune’s postal code.',
  },
  commune_ambiguous: {
    status: 422,
    fr: 'Plusieurs communes ont ce code postal : choisissez la vôtre.',
    en: 'Several communes share this postal code: choose yours.',
  },
  password_too_short: {
    status: 422,
    fr: 'Le mot de passe doit comporter au moins 10 caractères.',
    en: 'The password must have at least 10 characters.',
  },
  password_common: {
    status: 422,
    fr: 'Ce mot de passe fait partie des plus répandus, les premiers essayés : choisissez-en un autre.',
    en: 'This password is one of the most common ones, so among the first tried: choose another one.',
  },
  WRONG_CURRENT_PASSWORD: {
    status: 422,
    fr: 'Le mot de passe actuel n’est pas le bon.',
    en: 'The current password is not the right one.',
  },
  at_least_one_role: { status: 422, fr: 'Choisissez au moins un rôle.', en: 'Choose at least one role.' },
  invalid_value: { status: 422, fr: 'Cette valeur n’est pas valide.', en: 'This value is not valid.' },
  VALIDATION_FAILED: { status: 400, fr: 'Certains champs sont incorrects.', en: 'Some fields are not valid.' },
  UNAUTHENTICATED: { status: 401, fr: 'Veuillez vous connecter.', en: 'Please log in.' },
  FORBIDDEN: {
    status: 403,
    fr: 'Vous n’avez pas accès à cette ressource.',
    en: 'You do not have access to this resource.',
  },
  NOT_FOUND: { status: 404, fr: 'Introuvable.', en: 'Not found.' },
  STALE_RECORD: {
    status: 409,
    fr: 'Cette fiche a été modifiée par quelqu’un d’autre entre-temps. Rechargez-la avant d’enregistrer vos changements.',
    en: 'Someone else changed this record in the meantime. Reload it before saving your changes.',
  },
  INVALID_CREDENTIALS: {
    status: 401,
    fr: 'Adresse e-mail ou mot de passe incorrect.',
    en: 'Wrong e-mail address or password.',
  },
  TOO_MANY_ATTEMPTS: {
    status: 429,
    fr: 'Trop de tentatives depuis votre adresse. Réessayez dans quelques minutes.',
    en: 'Too many attempts from your address. Try again in a few minutes.',
  },
  LOGIN_DELAYED: {
    status: 429,
    fr: 'Plusieurs mots de passe incorrects pour ce compte. Patientez un moment avant de réessayer.',
    en: 'Several wrong passwords were entered for this account. Wait a moment before trying again.',
  },
  CSRF_FAILED: {
    status: 403,
    fr: 'Votre session a expiré. Rechargez la page.',
    en: 'Your session has expired. Reload the page.',
  },
  TOKEN_INVALID: {
    status: 410,
    fr: 'Ce lien n’est plus valide. Demandez-en un nouveau.',
    en: 'This link is no longer valid. Ask for a new one.',
  },
  SETUP_DONE: { status: 409, fr: 'L’organisation est déjà configurée.', en: 'The organisation is already set up.' },
  RATE_LIMITED: {
    status: 429,
    fr: 'Trop de requêtes. Réessayez dans un instant.',
    en: 'Too many requests. Try again in a moment.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, fr: 'Le contenu envoyé est trop volumineux.', en: 'What you sent is too large.' },
  URI_TOO_LONG: { status: 414, fr: 'L’adresse demandée est trop longue.', en: 'The address asked for is too long.' },
  INTERNAL: {
    status: 500,
    fr: 'Une erreur inattendue est survenue. L’équipe technique a été prévenue.',
    en: 'Something unexpected went wrong. The technical team has been told.',
  },
});
