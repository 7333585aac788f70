/**
 * The few values of packages/contracts needed on every page. Importing them from '@contracts' would
 * pull zod and libphonenumber (the schemas) into the first chunk, so they come from files without
 * runtime dependencies, and the types below fail to compile if they drift from the contracts.
 */
import type { Locale, Role } from '@contracts';

export { ERROR_MESSAGES } from '../../../../packages/contracts/src/messages';
export {
  CATALOGUE_INSTRUMENTS,
  INSTRUMENT_LABELS,
  INSTRUMENTS,
  frenchOf,
} from '../../../../packages/contracts/src/vocabulary';

export const LOCALES = ['fr', 'en'] as const;
export const ROLES = [
  'admin',
  'sales',
  'recruitment',
  'followup',
  'accounts',
  'secretariat',
  'board',
  'teacher',
  'guardian',
] as const;
/** Everyone but teachers and families, as STAFF_ROLES in the contracts. */
export const STAFF_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'teacher' && role !== 'guardian');

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type LocalesMatchContracts = Assert<Same<(typeof LOCALES)[number], Locale>>;
export type RolesMatchContracts = Assert<Same<(typeof ROLES)[number], Role>>;

/** The permission table's question for menus and buttons (admin holds every permission); the API asks it again. */
export { rolesGrant } from '../../../../packages/contracts/src/permissions/index';
export type { Permission } from '../../../../packages/contracts/src/permissions/index';
