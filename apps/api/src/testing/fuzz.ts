import fc from 'fast-check';

/**
 * Generated requests for the fuzz test (robustness.test.ts): values drawn from each route's JSON schema in the
 * OpenAPI document (what the zod contracts become), mostly valid so that requests reach the services, with junk
 * mixed in, and real ids, tokens, e-mails and phone numbers read from the database so that requests reach real rows.
 */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
};

type Parameter = { in: 'path' | 'query' | 'header' | 'cookie'; name: string; required?: boolean; schema: JsonSchema };
type Operation = { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } };
export type OpenApiDocument = { paths: Record<string, Record<string, Operation>> };

/** What the database holds, to aim requests at real rows. */
export type Pool = {
  ids: string[];
  /** the ids of each table, for the parameters that name what they point at */
  idsByTable: Record<string, string[]>;
  tokens: string[];
  emails: string[];
  phones: string[];
  entityTypes: string[];
  /** every setting with its default value, to change settings to plausible values */
  settings: Record<string, unknown>;
};

export type FuzzRequest = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** the route as the OpenAPI document names it, e.g. /api/families/{id} */
  route: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
};

const fromPool = (list: string[], fallback: fc.Arbitrary<string>) =>
  list.length ? fc.constantFrom(...list) : fallback;
const uuid = fc.uuid({ version: 7 });
const isoDate = fc.date({
  min: new Date('2024-01-01T00:00:00Z'),
  max: new Date('2028-12-31T00:00:00Z'),
  noInvalidDate: true,
});
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const MONTH_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])$';

/** Text that has broken parsers, databases and PDFs elsewhere: markup, quotes, paths, odd Unicode. */
export const nastyText = fc.constantFrom(
  '<script>alert(1)</script>',
  "O'Brien; DROP TABLE families; --",
  '../../../etc/passwd',
  '%00%ff%%',
  'Ωμέγα — 東京 — ÿ',
  'e\u0301te\u0301',
  '\u{1F3B9}\u{1F3BB}',
  'nul\u0000byte',
  'lone \uD800 surrogate',
  'Dupont\u202Eecnarf',
  ' ',
  'x'.repeat(5_000),
);

/** A value of the wrong kind for almost any field. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constantFrom('', 'not-a-valid-id', '2026-02-31', '-1', 'true', 'NaN'),
  nastyText,
  fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }),
  fc.double(),
  fc.boolean(),
  fc.constant({}),
  fc.constant([]),
  fc.array(fc.string(), { maxLength: 3 }),
);

type Hints = { name: string; pool: Pool; route?: string };

/** The table an id parameter or field points at, from its name or the path segment before it. */
const TABLE_OF: Record<string, string> = {
  family: 'families',
  families: 'families',
  person: 'people',
  people: 'people',
  guardian: 'people',
  student: 'people',
  teacher: 'teachers',
  teachers: 'teachers',
  'teacher-documents': 'teacher_documents',
  'teacher-applications': 'teacher_applications',
  meetings: 'meetings',
  'meeting-invitations': 'meeting_invitations',
  'teacher-suspensions': 'teacher_suspensions',
  requests: 'lesson_files',
  files: 'lesson_files',
  file: 'lesson_files',
  lessons: 'lessons',
  plans: 'plans',
  plan: 'plans',
  users: 'users',
  user: 'users',
  outbox: 'outbox',
  tickets: 'tickets',
  invoices: 'invoices',
  invoice: 'invoices',
  mandates: 'sepa_mandates',
  holds: 'debit_holds',
  batches: 'collection_batches',
  debits: 'debits',
  certificates: 'tax_certificates',
};

function tableOf(name: string, route: string | undefined): string | undefined {
  if (name === 'id' && route) return TABLE_OF[route.split('/{')[0]?.split('/').pop() ?? ''];
  return TABLE_OF[name.replace(/Ids?$/, '')];
}

function idFor({ name, pool, route }: Hints): fc.Arbitrary<string> {
  const own = pool.idsByTable[tableOf(name, route) ?? ''] ?? [];
  const anyRow = { weight: 2, arbitrary: fromPool(pool.ids, uuid) };
  const stranger = { weight: 1, arbitrary: uuid };
  if (!own.length) return fc.oneof(anyRow, stranger);
  return fc.oneof({ weight: 7, arbitrary: fc.constantFrom(...own) }, anyRow, stranger);
}

const weighted = <T>(...pairs: [number, fc.Arbitrary<T>][]) =>
  fc.oneof(...pairs.map(([weight, arbitrary]) => ({ weight, arbitrary })));
const randomToken = fc.base64String({ minLength: 40, maxLength: 44 }).map((s) => s.replace(/[+/=]/g, '_'));
/** Valid French and German IBANs, a wrong check digit, a country outside SEPA. */
const IBANS = ['FR76 3000 6000 0112 3456 7890 189', 'DE89370400440532013000', 'FR76 3000 6000 0112 3456 7890 188'];
IBANS.push('BR1800360305000010009795493C1');
const day = isoDate.map((d) => d.toISOString().slice(0, 10));

function stringFor(schema: JsonSchema, hints: Hints): fc.Arbitrary<string> {
  const { name, pool } = hints;
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 60, 60);
  const fits = (s: string) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity);
  const sized = (arb: fc.Arbitrary<string>) => arb.filter(fits);
  const lower = name.toLowerCase();
  if (schema.format === 'uuid' || name === 'id' || /Ids?$/.test(name)) return idFor(hints);
  if (lower === 'token') return weighted([4, fromPool(pool.tokens, uuid)], [1, randomToken]);
  if (lower === 'entitytype') return fromPool(pool.entityTypes, fc.constant('family'));
  if (schema.format === 'email' || lower === 'email' || lower === 'to') {
    const fits = fc.emailAddress().filter((e) => e.length <= (schema.maxLength ?? 254));
    return weighted([3, fromPool(pool.emails, fits)], [1, fits]);
  }
  if (lower.includes('phone')) {
    return fc.oneof(fromPool(pool.phones, fc.constant('06 12 34 56 78')), fc.constantFrom('+33 6 45 67 89 12', '12'));
  }
  if (lower === 'iban') return fc.constantFrom(...IBANS);
  if (lower === 'bic') return fc.constantFrom('BNPAFRPP', 'BNPAFRPPXXX', 'BNPAF1PP');
  if (schema.format === 'date-time') return isoDate.map((d) => d.toISOString());
  if (schema.format === 'uri') return fc.webUrl();
  if (schema.pattern === DATE_PATTERN) return weighted([5, day], [1, fc.stringMatching(new RegExp(DATE_PATTERN))]);
  if (schema.pattern === MONTH_PATTERN) return isoDate.map((d) => d.toISOString().slice(0, 7));
  if (schema.pattern) return sized(fc.stringMatching(new RegExp(schema.pattern)));
  const graphemes = fc.string({ unit: 'grapheme', minLength, maxLength });
  return sized(weighted([6, fc.string({ minLength, maxLength })], [1, graphemes], [1, nastyText]));
}

function numberFor(schema: JsonSchema, { name }: Hints, integer: boolean): fc.Arbitrary<number> {
  if (name === 'version') return fc.constantFrom(1, 1, 2, 3, 99);
  const step = integer ? 1 : 0.01;
  const { exclusiveMinimum: above, exclusiveMaximum: below } = schema;
  const min = schema.minimum ?? (above !== undefined ? above + step : -1_000_000);
  const max = schema.maximum ?? (below !== undefined ? below - step : 1_000_000);
  if (integer) return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** A value that the schema accepts most of the time (formats and patterns are approximated). */
export function validValue(schema: JsonSchema, hints: Hints, depth = 0): fc.Arbitrary<unknown> {
  const base = baseValue(schema, hints, depth);
  return schema.nullable ? weighted<unknown>([5, base], [1, fc.constant(null)]) : base;
}

/** An unconstrained value ({}): settings values and the like. */
const anything = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.integer(), { maxKeys: 2 }),
);

function baseValue(schema: JsonSchema, hints: Hints, depth: number): fc.Arbitrary<unknown> {
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices?.length) return fc.oneof(...choices.map((s) => validValue(s, hints, depth)));
  if (schema.allOf?.length) return validValue(Object.assign({}, ...schema.allOf) as JsonSchema, hints, depth);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringFor(schema, hints);
    case 'integer':
      return numberFor(schema, hints, true);
    case 'number':
      return numberFor(schema, hints, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 3, 3));
      const item = validValue(schema.items ?? {}, { ...hints, name: hints.name.replace(/s$/, '') }, depth + 1);
      return fc.array(item, { minLength, maxLength });
    }
    case 'object':
      return objectValue(schema, hints, depth, 0);
    default:
      return depth > 2 ? fc.constant(null) : anything;
  }
}

/** An object following its schema; with `junkRate`, each property may be junk and required ones may be left out. */
function objectValue(schema: JsonSchema, hints: Hints, depth: number, junkRate: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const isMap = !Object.keys(properties).length;
  if (isMap && hints.name === 'values' && Object.keys(hints.pool.settings).length) return settingsChange(hints.pool);
  if (isMap && typeof schema.additionalProperties === 'object') {
    const value = validValue(schema.additionalProperties, { ...hints, name: '' }, depth + 1);
    return fc.dictionary(fc.string({ maxLength: 20 }), value, { maxKeys: 3 });
  }
  const arbs: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, child] of Object.entries(properties)) {
    const valid = validValue(child, { ...hints, name: key }, depth + 1);
    arbs[key] = junkRate > 0 ? weighted([Math.round(1 / junkRate) - 1, valid], [1, junk]) : valid;
  }
  const requiredKeys = junkRate > 0 ? [] : Object.keys(properties).filter((k) => required.has(k));
  return fc.record(arbs, { requiredKeys });
}

/** A few settings at once: each to its default, a number nudged (to 0, -1, one more), or junk. */
function settingsChange(pool: Pool): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(pool.settings).map(([key, value]) => {
    const nudged = typeof value === 'number' ? [fc.constantFrom(0, -1, value + 1, value * 100)] : [];
    return fc.tuple(fc.constant(key), fc.oneof(fc.constant(value), junk, ...nudged));
  });
  const changes = fc.uniqueArray(fc.oneof(...entries), { minLength: 1, maxLength: 3, selector: ([key]) => key });
  return changes.map((pairs) => Object.fromEntries(pairs));
}

/** Mostly valid, sometimes junk in one field or more, sometimes a body of the wrong kind. */
function bodyFor(schema: JsonSchema, pool: Pool): fc.Arbitrary<unknown> {
  const hints = { name: '', pool };
  const isObject = schema.type === 'object' && !schema.anyOf && !schema.oneOf;
  const mutated: [number, fc.Arbitrary<unknown>][] = isObject ? [[4, objectValue(schema, hints, 0, 0.25)]] : [];
  return weighted([12, validValue(schema, hints)], ...mutated, [1, junk]);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** URL-encoded; a lone surrogate (which no URL can carry) becomes U+FFFD as a browser would send it. */
const encode = (value: unknown) => {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD'));
};

/** Path parameters: real ids and tokens most of the time, else a well-formed stranger or junk. */
function paramFor(parameter: Parameter, pool: Pool, route: string): fc.Arbitrary<unknown> {
  const valid = validValue(parameter.schema, { name: parameter.name, pool, route });
  return weighted([8, valid], [1, junk.map((j) => (j === null || j === '' ? 'x' : j))]);
}

/** Query parameters: each present or not, mostly valid. */
function queryFor(parameters: Parameter[], pool: Pool) {
  const valueOf = (p: Parameter) => weighted([6, validValue(p.schema, { name: p.name, pool })], [1, junk]);
  const values = parameters.map((p) => [p.name, valueOf(p)] as const);
  return fc.record(Object.fromEntries(values), {
    requiredKeys: parameters.filter((p) => p.required).map((p) => p.name),
  });
}

/** Multipart bodies for the two upload routes, which have no JSON schema to follow. */
export type MultipartFields = (pool: Pool) => fc.Arbitrary<Record<string, string>>;
const PDF = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const FILES: { name: string; bytes: Buffer; type: string }[] = [
  { name: 'cv.pdf', bytes: Buffer.from(PDF), type: 'application/pdf' },
  // A PDF that is also HTML, named to climb out of the upload directory.
  {
    name: '../../../etc/evil.html',
    bytes: Buffer.from('%PDF-1.4\n<html><script>alert(1)</script></html>'),
    type: 'text/html',
  },
  { name: 'photo.png', bytes: Buffer.from(PNG, 'base64'), type: 'image/png' },
  { name: 'vide.pdf', bytes: Buffer.alloc(0), type: 'application/pdf' },
  { name: 'setup.exe', bytes: Buffer.from('MZ\u0090\u0000 not really a program'), type: 'application/octet-stream' },
];

function multipartBody(fields: Record<string, string>, file: (typeof FILES)[number] | null) {
  const boundary = '----harmoniefuzz';
  const part = (disposition: string) => `--${boundary}\r\nContent-Disposition: form-data; ${disposition}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`${part(`name="${k}"`)}\r\n\r\n${v}\r\n`));
  if (file) {
    const head = `${part(`name="file"; filename="${file.name}"`)}\r\nContent-Type: ${file.type}\r\n\r\n`;
    parts.push(Buffer.from(head), file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

type Body = { payload?: string | Buffer; contentType?: string };
export type RequestOptions = {
  include: (method: string, route: string) => boolean;
  multipart: Record<string, MultipartFields>;
};

/** One request to one route of the document, chosen uniformly among the routes `include` keeps. */
export function requestArbitrary(doc: OpenApiDocument, pool: Pool, options: RequestOptions): fc.Arbitrary<FuzzRequest> {
  const routes: fc.Arbitrary<FuzzRequest>[] = [];
  for (const [route, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method) || !options.include(method, route)) continue;
      const parameters = operation.parameters ?? [];
      const inPath = parameters.filter((p) => p.in === 'path').map((p) => [p.name, paramFor(p, pool, route)]);
      const path = fc.record(Object.fromEntries(inPath) as Record<string, fc.Arbitrary<unknown>>);
      const query = queryFor(
        parameters.filter((p) => p.in === 'query'),
        pool,
      );
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      const fields = options.multipart[`${method} ${route}`];
      const json = (value: unknown): Body => ({
        payload: JSON.stringify(value) ?? 'null',
        contentType: 'application/json',
      });
      const body: fc.Arbitrary<Body> = fields
        ? fc
            .tuple(fields(pool), fc.option(fc.constantFrom(...FILES), { freq: 5 }))
            .map(([f, file]) => multipartBody(f, file))
        : schema
          ? bodyFor(schema, pool).map(json)
          : fc.constant({});
      const request = fc.record({ path, query, body, language: fc.constantFrom('fr', 'en') }).map((r) => {
        const url = route.replace(/\{([^}]+)\}/g, (_, name: string) => encode(r.path[name]));
        const search = Object.entries(r.query).map(([k, v]) => `${encodeURIComponent(k)}=${encode(v)}`);
        const headers: Record<string, string> = { 'accept-language': r.language };
        if (r.body.contentType) headers['content-type'] = r.body.contentType;
        const verb = method.toUpperCase() as FuzzRequest['method'];
        const target = search.length ? `${url}?${search.join('&')}` : url;
        return { method: verb, route, url: target, headers, payload: r.body.payload };
      });
      routes.push(request);
    }
  }
  return fc.oneof(...routes);
}
