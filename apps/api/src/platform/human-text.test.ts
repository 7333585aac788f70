import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as contracts from '@contracts';
import { humanText, messageFor } from '@contracts';
import { createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../testing/harness.js';
import { settingDefaults, settingSchema } from './settings.js';
import './../modules/index.js';

/** Text that breaks things downstream: NUL (PostgreSQL refuses it), a right-to-left override, half a surrogate pair. */
const PROBES = { nul: 'Lefèvre\u0000', rlo: '\u202EerveféL', isolate: 'Lefèvre\u2066x\u2069', lone: 'Lefèvre\uD800' };

describe('the human text building block', () => {
  const single = humanText(80);
  const multi = humanText(2000, { multiline: true });
  const codeOf = (schema: z.ZodType, value: string) => {
    const result = schema.safeParse(value);
    return result.success ? null : result.error.issues.map((i) => i.message);
  };

  it('normalises to NFC and trims', () => {
    const decomposed = '  Lefe\u0300vre-Ødegård ';
    expect(single.parse(decomposed)).toBe('Lefèvre-Ødegård');
    expect(single.parse(decomposed).length).toBe(15);
  });

  it('refuses each kind of broken text with its own code, one at a time', () => {
    expect(codeOf(single, PROBES.nul)).toEqual(['text_control_character']);
    expect(codeOf(single, PROBES.rlo)).toEqual(['text_bidi_control']);
    expect(codeOf(single, PROBES.isolate)).toEqual(['text_bidi_control']);
    expect(codeOf(single, PROBES.lone)).toEqual(['text_unpaired_surrogate']);
    expect(codeOf(single, 'Anne\nMarie')).toEqual(['text_line_break']);
    expect(codeOf(single, 'Anne\tMarie')).toEqual(['text_control_character']);
    expect(codeOf(single, 'Anne\u0085')).toEqual(['text_control_character']);
    // A whole astral character (two surrogates that pair) is fine.
    expect(single.parse('Zoé 🎻')).toBe('Zoé 🎻');
  });

  it('lets notes and messages keep line feeds and tabs, and nothing else invisible', () => {
    expect(multi.parse('Bonjour,\r\n\tmerci\rà bientôt')).toBe('Bonjour,\n\tmerci\nà bientôt');
    expect(codeOf(multi, 'Bonjour\u0000')).toEqual(['text_control_character']);
    expect(codeOf(multi, 'Bonjour\u202E')).toEqual(['text_bidi_control']);
  });

  it('says what is wrong in French and in English', () => {
    for (const code of ['text_control_character', 'text_bidi_control', 'text_unpaired_surrogate', 'text_line_break']) {
      expect(messageFor('fr', code)).not.toBe(messageFor('fr', 'invalid_value'));
      expect(messageFor('en', code)).not.toBe(messageFor('en', 'invalid_value'));
    }
    expect(messageFor('fr', 'text_bidi_control')).toMatch(/sens de l’écriture/);
    expect(messageFor('en', 'text_control_character')).toMatch(/control character/);
  });
});

/*
 * The class of defect, not the instance: every string a client can send in any request body or query of the
 * contracts (and every text setting) refuses the probes. A new field declared with a bare z.string() fails here.
 */
type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  valueType?: z.ZodType;
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Secrets and codes that are not text a person types, each checked elsewhere. */
const NOT_HUMAN_TEXT = new Map([
  ['LoginBody.password', 'hashed, never stored or shown'],
  ['TokenPasswordBody.password', 'hashed'],
  ['SetupBody.password', 'hashed'],
  ['ChangePasswordBody.currentPassword', 'compared with the hash, never stored or shown'],
  ['ChangePasswordBody.newPassword', 'hashed'],
  ['TokenPasswordBody.token', 'hashed before any lookup'],
  ['SetupBody.token', 'hashed before any lookup'],
  ['LessonRequestBody.website', 'honeypot: never stored'],
  ['TeacherApplicationBody.website', 'honeypot: never stored'],
  ['AdmissionBody.website', 'honeypot: never stored'],
  ['MandateBody.iban', 'checked by ibantools in the service (SEPA)'],
  ['MandateBody.bic', 'checked by bicProblem in the service'],
  ['MandateBody.rum', 'checked against the SEPA character set by rumProblem'],
]);

function stringLeaves(schema: z.ZodType, path: string, out: { path: string; schema: z.ZodType }[]): void {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      out.push({ path, schema });
      return;
    case 'pipe': {
      // A transformed string (e.g. lower-cased): probe the whole pipe, whose first step is the string.
      const first = def.in as z.ZodType;
      if (defOf(first).type === 'string') out.push({ path, schema });
      else stringLeaves(first, path, out);
      return;
    }
    case 'object':
      for (const [key, value] of Object.entries(def.shape ?? {})) stringLeaves(value, `${path}.${key}`, out);
      return;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      stringLeaves(def.innerType as z.ZodType, path, out);
      return;
    case 'array':
      stringLeaves(def.element as z.ZodType, `${path}[]`, out);
      return;
    case 'union':
      (def.options ?? []).forEach((o, n) => stringLeaves(o, `${path}|${n}`, out));
      return;
    case 'intersection':
      stringLeaves(def.left as z.ZodType, path, out);
      stringLeaves(def.right as z.ZodType, path, out);
      return;
    case 'record':
      stringLeaves(def.valueType as z.ZodType, `${path}{}`, out);
      return;
    default:
      return; // numbers, booleans, enums, literals: nothing typed
  }
}

describe('every text a client sends', () => {
  const inputs: [string, z.ZodType][] = [];
  for (const [name, value] of Object.entries(contracts as Record<string, unknown>)) {
    if (/(Body|Query)$/.test(name) && typeof value === 'object' && value !== null && '_zod' in value) {
      inputs.push([name, value as z.ZodType]);
    }
  }
  const settings = Object.keys(settingDefaults()).map((key): [string, z.ZodType] => {
    return [`setting ${key}`, settingSchema(key) as z.ZodType];
  });

  it('refuses NUL, bidi controls and unpaired surrogates in every request field and text setting', () => {
    const leaves: { path: string; schema: z.ZodType }[] = [];
    for (const [name, schema] of [...inputs, ...settings]) stringLeaves(schema, name, leaves);
    const checked = leaves.filter((l) => !NOT_HUMAN_TEXT.has(l.path.replace(/\|\d+/g, '')));
    expect(inputs.length).toBeGreaterThan(60);
    expect(checked.length).toBeGreaterThan(100);
    const accepted = checked.flatMap((leaf) =>
      Object.entries(PROBES)
        .filter(([, probe]) => leaf.schema.safeParse(probe).success)
        .map(([kind]) => `${leaf.path} accepts ${kind}`),
    );
    expect(accepted).toEqual([]);
  });
});

describe('broken text over HTTP', () => {
  let ctx: TestContext;
  let sales: Agent;
  beforeAll(async () => {
    ctx = await createTestApp();
    sales = await loginAs(ctx, (await makeUser(ctx.deps, ['sales'])).email);
  });
  afterAll(async () => ctx.close());

  const family = (lastName: string) => {
    return { name: 'Famille', guardians: [{ firstName: 'Anne', lastName, email: 'anne@example.org' }] };
  };
  const families = async () => {
    const count = ctx.deps.db.selectFrom('families').select((eb) => eb.fn.countAll<number>().as('n'));
    const row = await count.executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('answers 400 with the field and a message that says what is wrong, and stores nothing', async () => {
    const before = await families();
    const cases = [
      { lastName: PROBES.nul, code: 'nul_character' }, // refused for every field by the text guard
      { lastName: PROBES.rlo, code: 'text_bidi_control' },
      { lastName: PROBES.lone, code: 'text_unpaired_surrogate' },
    ];
    for (const c of cases) {
      // JSON.stringify writes the lone surrogate as the escape "\ud800", as a hostile client would send it.
      const headers = { 'content-type': 'application/json', 'accept-language': 'en' };
      const res = await sales.post('/api/families', JSON.stringify(family(c.lastName)), { headers });
      expect(res.statusCode, c.code).toBe(400);
      const body = res.json() as { errors: { field: string; code: string; message: string }[] };
      const message = messageFor('en', c.code);
      expect(body.errors).toContainEqual({ field: 'guardians.0.lastName', code: c.code, message });
    }
    const fr = await sales.post('/api/families', family(PROBES.rlo), { headers: { 'accept-language': 'fr' } });
    const frenchMessage = (fr.json() as { errors: { message: string }[] }).errors[0]?.message;
    expect(frenchMessage).toBe(messageFor('fr', 'text_bidi_control'));
    expect(await families()).toBe(before);
  });

  it('stores names in NFC, so the same name is the same text whatever keyboard typed it', async () => {
    const res = await sales.post('/api/families', family('Lefe\u0300vre'));
    expect(res.statusCode).toBe(201);
    const guardianId = (res.json() as { guardians: { id: string }[] }).guardians[0]?.id ?? '';
    const people = ctx.deps.db.selectFrom('people').select('last_name');
    const row = await people.where('id', '=', guardianId).executeTakeFirst();
    expect(row?.last_name).toBe('Lefèvre');
  });

  it('keeps a NUL out of the database through any path or query string, whatever its route declares', async () => {
    const admin = await loginAs(ctx, (await makeUser(ctx.deps, ['admin'])).email);
    // Routes whose own schemas take any string: the history of an entity, the outbox filter, a token.
    const urls = ['/api/history/family/Le%00f', '/api/outbox?to=a%00b', `/api/auth/tokens/${'a'.repeat(24)}%00`];
    for (const url of urls) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(400);
      expect((res.json() as { errors: { code: string }[] }).errors[0]?.code, url).toBe('nul_character');
    }
  });

  it('keeps a NUL out of the database through a search box and a page cursor too', async () => {
    expect((await sales.get('/api/search', { query: { q: 'Le\u0000f' } })).statusCode).toBe(400);
    expect((await sales.get('/api/families', { query: { q: 'Le\u0000f' } })).statusCode).toBe(400);
    const cursor = Buffer.from(JSON.stringify(['Le\u0000f', 'x'])).toString('base64url');
    expect((await sales.get('/api/families', { query: { cursor } })).statusCode).toBe(200);
  });
});
