import fastJson from 'fast-json-stringify';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';

type ZodSchema = z.ZodType;

function zodOf(schema: unknown): ZodSchema {
  if (schema instanceof z.ZodType) return schema;
  const properties = (schema as { properties?: unknown } | null)?.properties;
  if (properties instanceof z.ZodType) return properties;
  throw new Error(`response schema is not a zod schema: ${JSON.stringify(schema)}`);
}

/**
 * The fast-json-stringify function of each response contract, shared by every app built in this process: compiling
 * one is a pure function of the schema, and it was most of an app's start-up (the test suite builds hundreds).
 * null: a schema JSON Schema cannot express.
 */
const compiled = new WeakMap<ZodSchema, ((data: unknown) => string) | null>();

function fastSerializerOf(contract: ZodSchema): ((data: unknown) => string) | null {
  if (compiled.has(contract)) return compiled.get(contract) ?? null;
  let fast: ((data: unknown) => string) | null;
  try {
    fast = fastJson(
      z.toJSONSchema(contract, { io: 'output', target: 'draft-7' }) as Parameters<typeof fastJson>[0],
    ) as (data: unknown) => string;
  } catch {
    fast = null;
  }
  compiled.set(contract, fast);
  return fast;
}

/**
 * Response serialisation from the same zod contracts, compiled once per route into a fast-json-stringify
 * function (from the schema's JSON Schema): it writes only the declared fields, as zod's encode would, at a
 * fraction of the cost — encoding a 50-row page with zod took longer than the page's own SQL. With
 * `checkContracts` (the test suite) every response is also checked against its zod schema first, so a service
 * that drifts from its contract fails its tests instead of being silently coerced. A schema that JSON Schema
 * cannot express falls back to zod's encode.
 */
export function createSerializerCompiler(options: { checkContracts: boolean }) {
  return ({ schema, method, url }: { schema: unknown; method: string; url: string }) => {
    const contract = zodOf(schema);
    const encode = (data: unknown) => {
      const result = z.safeEncode(contract, data);
      if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
      return result.data;
    };
    const fast = fastSerializerOf(contract);
    if (!fast) return (data: unknown) => JSON.stringify(encode(data));
    return options.checkContracts ? (data: unknown) => fast(encode(data)) : (data: unknown) => fast(data);
  };
}
