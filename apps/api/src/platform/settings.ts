import { z } from 'zod';
import { shortText } from '@contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../db/tables.js';
import type { Tx } from '../db/database.js';
import { dateInZone, type Clock } from './clock.js';
import { saveSetting, storedSetting, storedSettings } from './settings.repository.js';

/**
 * Organisation settings: one row per key, JSON value. Modules register their defaults; a missing row means
 * the default applies. Kept in the database (not in memory) so every app instance sees the same values.
 */
const defaults: Record<string, unknown> = {};
const schemas: Record<string, z.ZodTypeAny> = {};

/**
 * Makes a setting known: its default and the schema an admin's value must pass. The assembly calls it through
 * `registerSettings` for each manifest; modules declare settings with `defineSetting` instead.
 */
export function registerSetting<T extends z.ZodTypeAny>(key: string, defaultValue: z.infer<T>, schema: T): void {
  defaults[key] = defaultValue;
  schemas[key] = schema;
}

/** One organisation setting, declared once: its key, default and schema, and a typed reader. */
export type SettingDefinition<T> = {
  key: string;
  defaultValue: T;
  schema: z.ZodType<T>;
  /** The organisation's value, or the default when none was saved. */
  read(db: Kysely<DB> | Tx): Promise<T>;
};

/**
 * Declares a setting without registering it: the module lists it in its manifest and the app registers the
 * manifests' settings at assembly (so the settings screen lists and validates it).
 */
export function defineSetting<S extends z.ZodTypeAny>(
  key: string,
  defaultValue: z.infer<S>,
  schema: S,
): SettingDefinition<z.infer<S>> {
  return {
    key,
    defaultValue,
    schema: schema as z.ZodType<z.infer<S>>,
    async read(db) {
      const value = await storedSetting(db, key);
      return (value !== undefined ? JSON.parse(value) : defaultValue) as z.infer<S>;
    },
  };
}

/** Makes declared settings known to the settings screen (called by the app for every manifest). */
export function registerSettings(definitions: readonly SettingDefinition<unknown>[]): void {
  for (const d of definitions) registerSetting(d.key, d.defaultValue, d.schema);
}

export function settingSchema(key: string): z.ZodTypeAny | undefined {
  return schemas[key];
}

export function settingDefaults(): Record<string, unknown> {
  return { ...defaults };
}

export async function readSettings(db: Kysely<DB> | Tx): Promise<Record<string, unknown>> {
  const rows = await storedSettings(db);
  const values = { ...defaults };
  // Only declared settings are shown; internal keys (the one-time setup token) stay hidden.
  for (const row of rows) if (row.key in schemas) values[row.key] = JSON.parse(row.value) as unknown;
  return values;
}

export async function readSetting<T>(db: Kysely<DB> | Tx, key: string): Promise<T> {
  const value = await storedSetting(db, key);
  return (value !== undefined ? JSON.parse(value) : defaults[key]) as T;
}

export async function writeSetting(db: Kysely<DB> | Tx, key: string, value: unknown, at: string): Promise<void> {
  await saveSetting(db, key, JSON.stringify(value), at);
}

/** The organisation's own settings, kept by the platform. */
export const ORGANISATION_NAME = defineSetting('organisation.name', 'Harmonie', shortText(200));
export const ORGANISATION_TIME_ZONE = defineSetting(
  'organisation.timeZone',
  'Europe/Paris',
  z
    .string()
    .refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC', { message: 'invalid_value' }),
);
export const ORGANISATION_DEFAULT_LOCALE = defineSetting('organisation.defaultLocale', 'fr', z.enum(['fr', 'en']));
/** Registered by the app's assembly, before the modules' settings. */
export const PLATFORM_SETTINGS = [ORGANISATION_NAME, ORGANISATION_TIME_ZONE, ORGANISATION_DEFAULT_LOCALE] as const;

/** Today's calendar date where the organisation is (its time zone setting), by the injected clock. */
export async function organisationToday(db: Kysely<DB> | Tx, clock: Clock): Promise<string> {
  return dateInZone(clock.now(), await ORGANISATION_TIME_ZONE.read(db));
}
