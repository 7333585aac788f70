import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '@contracts';
import { filesUnder, isTest, ROOT, thrownCodes } from '../../../../scripts/code-scan.mjs';

/** Every folder that throws codes: each code must be in the catalogue (packages/contracts/src/errors/). */
const CHECKED = ['apps/api/src/platform', 'apps/api/src/modules', 'apps/api/src/app.ts', 'packages/contracts/src'];

function checkedFiles(): string[] {
  return CHECKED.flatMap((entry) => (entry.endsWith('.ts') ? [entry] : filesUnder(entry))).filter((f) => !isTest(f));
}

describe('the error catalogue', () => {
  it('declares every code thrown in the checked folders, each with a message of its own', () => {
    const generic = ERROR_CATALOGUE.invalid_value;
    const problems: string[] = [];
    const files = checkedFiles();
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      for (const { code, line } of thrownCodes(fs.readFileSync(path.join(ROOT, file), 'utf8'))) {
        const entry = ERROR_CATALOGUE[code];
        if (!entry) problems.push(`${file}:${line} ${code} is not in the catalogue`);
        else if (code !== 'invalid_value' && (entry.fr === generic?.fr || entry.en === generic?.en))
          problems.push(`${file}:${line} ${code} reads "invalid value"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('finds the codes of each way a code is thrown', () => {
    const sample = [
      "throw new DomainError('LAST_ADMIN');",
      "throw invalidField('email', 'EMAIL_TAKEN');",
      "new DomainError('VALIDATION_FAILED', { fields: [{ field: 'personId', code: 'required' }] });",
      "z.string().regex(/x/, { message: 'invalid_phone' })",
      "// new DomainError('IN_A_COMMENT')",
    ].join('\n');
    expect(thrownCodes(sample).map((c) => c.code)).toEqual([
      'LAST_ADMIN',
      'VALIDATION_FAILED',
      'EMAIL_TAKEN',
      'required',
      'invalid_phone',
    ]);
  });

  it('gives every entry a status and a sentence in French and in English', () => {
    const incomplete = Object.entries(ERROR_CATALOGUE)
      .filter(([, e]) => !(e.status >= 400 && e.status < 600) || !e.fr?.trim() || !e.en?.trim() || e.fr === e.en)
      .map(([code]) => code);
    expect(incomplete).toEqual([]);
  });
});
