/**
 * Imported first (main.tsx): zod compiles object parsers with `new Function` when it may, and probes for it when a
 * schema is built. The page's Content-Security-Policy forbids eval, so that probe would be reported as a violation;
 * jitless parsing never tries. zod keeps its configuration in this global (zod/v4/core `config()` writes it): setting
 * it here, before zod loads, keeps the schema library out of the first chunk (zod-config.test.ts checks the two
 * agree).
 */
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
holder.__zod_globalConfig ??= {};
holder.__zod_globalConfig.jitless = true;

export {};
