import type { Tx } from '../db/database.js';
import type { Deps } from './deps.js';

/**
 * What a module's demo data is written with (its manifest's `demo`), declared here so that the modules' demo
 * files and seed/demo.ts depend on the platform, not on each other.
 */
export const DEMO_PASSWORD = 'harmonie-demo';
export const DEMO_DOMAIN = 'demo.example.org';
/** The guardian the demo and the end-to-end tests look up by phone ("06 12 34 56 78"). */
export const DEMO_GUARDIAN_PHONE = '+33612345678';

/** The deterministic generator of seed/generator.ts, as the demo parts use it. */
export type DemoRandom = {
  next: () => number;
  int: (min: number, max: number) => number;
  pick: <T>(items: readonly T[]) => T;
  chance: (p: number) => boolean;
};

export type DemoContext = {
  tx: Tx;
  deps: Deps;
  random: DemoRandom;
  passwordHash: string;
  /** Demo user ids by login name (admin, sales, …, teacher, family). */
  users: Record<string, string>;
  teacherIds: string[];
  familyIds: string[];
  studentIds: string[];
};

/** A module's part of the demo organisation, run in the demo's transaction after the people (in manifest order). */
export type DemoExtension = (ctx: DemoContext) => Promise<void>;
