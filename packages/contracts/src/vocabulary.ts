/**
 * Domain words shared by the API and the web app. No runtime dependency here: the web app's first chunk imports
 * this file directly (apps/web/src/api/contract-values.ts) without pulling zod in.
 */

/** The instruments the agency offers (labels in the web app's resource files). */
export const INSTRUMENTS = [
  'piano',
  'guitar',
  'violin',
  'cello',
  'flute',
  'drums',
  'voice',
  'saxophone',
  'clarinet',
  'trumpet',
] as const;
export type Instrument = (typeof INSTRUMENTS)[number];
