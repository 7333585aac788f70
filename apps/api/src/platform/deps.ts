import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Engine } from '../db/dialect.js';
import type { DB } from '../db/tables.js';
import type { Clock } from './clock.js';
import type { Mailer } from './mailer.js';

/** What every service is built with; buildApp makes one, tests make their own around a real database. */
export type Deps = {
  db: Kysely<DB>;
  engine: Engine;
  clock: Clock;
  mailer: Mailer;
  config: Config;
};
