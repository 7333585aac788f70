/**
 * Domain words shared by the API and the web app. No runtime dependency here: the web app's first chunk imports
 * this file directly (apps/web/src/api/contract-values.ts) without pulling zod in.
 */

/**
 * The ten instruments the agency started with: every one stays a valid code (stored requests, files and teacher
 * profiles use them), and the seed generator draws from them. The forms offer the catalogue's instruments below.
 */
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

/**
 * The one catalogue of disciplines shared by the agency and the school network (labels in the web app's resource
 * files, fr and en). Its instruments are what the agency's forms offer (request, teacher application and profile):
 * the agency's ten first, so that no stored code changes meaning.
 */
export const CATALOGUE_INSTRUMENTS = [...INSTRUMENTS, 'viola', 'double_bass', 'harp', 'accordion'] as const;
export type CatalogueInstrument = (typeof CATALOGUE_INSTRUMENTS)[number];

/** Each instrument's name in both languages, for the agency's pages and the schools' disciplines alike. */
export const INSTRUMENT_LABELS: Record<'fr' | 'en', Record<CatalogueInstrument, string>> = {
  fr: {
    piano: 'Piano',
    guitar: 'Guitare',
    violin: 'Violon',
    cello: 'Violoncelle',
    flute: 'Flûte',
    drums: 'Batterie',
    voice: 'Chant',
    saxophone: 'Saxophone',
    clarinet: 'Clarinette',
    trumpet: 'Trompette',
    viola: 'Alto',
    double_bass: 'Contrebasse',
    harp: 'Harpe',
    accordion: 'Accordéon',
  },
  en: {
    piano: 'Piano',
    guitar: 'Guitar',
    violin: 'Violin',
    cello: 'Cello',
    flute: 'Flute',
    drums: 'Drums',
    voice: 'Voice',
    saxophone: 'Saxophone',
    clarinet: 'Clarinet',
    trumpet: 'Trumpet',
    viola: 'Viola',
    double_bass: 'Double bass',
    harp: 'Harp',
    accordion: 'Accordion',
  },
};
/** What schools teach beyond instruments: music theory by level, early-years music, choirs, ensembles, theatre, visual arts. */
export const COLLECTIVE_DISCIPLINES = [
  'music_theory',
  'early_years_music',
  'choir',
  'ensemble',
  'orchestra',
  'theatre',
  'visual_arts',
] as const;
export const DISCIPLINES = [...CATALOGUE_INSTRUMENTS, ...COLLECTIVE_DISCIPLINES] as const;

/**
 * French grammar for words put into sentences (the API's reasons, the web app's buttons): the definite article of an
 * instrument ("le piano", "la guitare", "l’alto", but "le hautbois", "la harpe": aspirated h) and "de" before a name
 * ("contact de Paul", "contact d’Amélie").
 */
const FEMININE_INSTRUMENTS = new Set([
  'guitare',
  'flûte',
  'flûte traversière',
  'flûte à bec',
  'batterie',
  'clarinette',
  'trompette',
  'harpe',
  'contrebasse',
  'basse',
  'guitare basse',
  'guitare électrique',
  'voix',
  'mandoline',
  'cornemuse',
  'viole de gambe',
  'harmonie',
]);
/** Words whose h is aspirated: no elision ("le hautbois", "la harpe"). */
const ASPIRATED_H = /^(hautbois|harpe|haut)/;
const elides = (word: string) => {
  const w = word.normalize('NFC').toLowerCase();
  return /^[aeiouyàâäéèêëîïôöùûüœæ]/.test(w) || (w.startsWith('h') && !ASPIRATED_H.test(w));
};

export function frenchWithArticle(noun: string): string {
  const w = noun.trim().toLowerCase();
  if (elides(w)) return `l’${w}`;
  return `${FEMININE_INSTRUMENTS.has(w) ? 'la' : 'le'} ${w}`;
}

export function frenchOf(name: string): string {
  return elides(name.trim()) ? `d’${name.trim()}` : `de ${name.trim()}`;
}
