/**
 * One error code, declared once: the HTTP status the API answers with and the sentence a person reads, in every
 * language of the app. Upper-case codes are refusals of a whole request (DomainError); lower-case codes are
 * problems of one field (zod issues and `invalidField`), shown beside that field.
 */
export type ErrorEntry = { status: number; fr: string; en: string };

/** Keeps the literal keys of a module's table, so a code can be referred to by its type. */
export function defineErrors<const T extends Record<string, ErrorEntry>>(entries: T): T {
  return entries;
}
