import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HISTORY_ACTION_LABELS, HISTORY_FIELD_LABELS, LOCALES, RETURN_KINDS } from '@contracts';
import { createTestApp, type TestContext } from '../../testing/harness.js';
import { buildRecordPolicies } from '../../platform/records.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

/** The history reads as sentences with field labels: every field a record shows has one, in every language. */
describe('history field labels', () => {
  it('names every field of every audited record type in French and in English', () => {
    const missing: string[] = [];
    for (const [type, policy] of buildRecordPolicies(ctx.deps)) {
      for (const field of policy.all) {
        for (const locale of LOCALES)
          if (!HISTORY_FIELD_LABELS[field]?.[locale]) missing.push(`${type}.${field} (${locale})`);
      }
    }
    expect(missing).toEqual([]);
  });
});

/** Every action the API records as a literal, read from its sources (tests aside). */
function literalActions(): Set<string> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
        for (const match of fs.readFileSync(full, 'utf8').matchAll(/\baction: '([a-z0-9_-]+)'/g)) found.add(match[1]!);
    }
  };
  walk(root);
  return found;
}

/** Actions the API builds from a value (kept in step with their sources by hand: each names where it comes from). */
const BUILT_ACTIONS = [
  ...['invitation-accepted', 'password-reset'], // auth.service: the purpose of the link used
  ...RETURN_KINDS, // batches.service: a reject, return or refund recorded on a debit
  ...['revoke', 'final_on_next'], // mandates.service: how a mandate ends
  ...['create', 'regenerate'], // certificates.service
  ...['calendar-school-holiday-added', 'calendar-closure-added', 'calendar-open-day-added'], // seasons.service
  ...['exclusion-approve', 'exclusion-object', 'exclusion-objection-withdrawn', 'exclusion-proposed'], // suspensions
  ...['add-guardian', 'add-student', 'add-teacher'], // people.service: insertPerson's kind
  ...['interview', 'accepted'], // applications.service
];

/** An entry that changed no field reads from its action: every action has a phrase in both languages. */
describe('history action phrases', () => {
  it('words every action the API records in French and in English', () => {
    const actions = new Set([...literalActions(), ...BUILT_ACTIONS]);
    expect(actions.size).toBeGreaterThan(40);
    const missing: string[] = [];
    for (const action of actions)
      for (const locale of LOCALES) if (!HISTORY_ACTION_LABELS[action]?.[locale]) missing.push(`${action} (${locale})`);
    expect(missing).toEqual([]);
  });
});
