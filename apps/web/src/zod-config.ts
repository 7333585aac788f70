import { z } from 'zod';

/**
 * Imported first (main.tsx): zod compiles object parsers with `new Function` when it may, and probes for it when a
 * schema is built. The page's Content-Security-Policy forbids eval, so that probe would be reported as a violation;
 * jitless parsing never tries.
 */
z.config({ jitless: true });
