/**
 * A deterministic generator of realistic French data: the same seed gives the same organisation, so demo
 * screenshots, tests and benchmarks are repeatable.
 */
export function createRandom(seed = 42) {
  let state = seed >>> 0;
  const next = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof createRandom>;

export const FIRST_NAMES = [
  'Hélène',
  'Chloé',
  'Léa',
  'Zoé',
  'Maëlle',
  'Anaïs',
  'Noémie',
  'Inès',
  'Élise',
  'Céline',
  'Agnès',
  'Béatrice',
  'Françoise',
  'Mathilde',
  'Camille',
  'Manon',
  'Jeanne',
  'Louise',
  'Océane',
  'Gaëlle',
  'Jérôme',
  'Étienne',
  'François',
  'Loïc',
  'Noël',
  'Joël',
  'Raphaël',
  'Gaël',
  'Clément',
  'Benoît',
  'Théo',
  'Lucas',
  'Hugo',
  'Mathéo',
  'Nathan',
  'Léo',
  'Adèle',
  'Amélie',
  'Frédéric',
  'Stéphane',
  'Cédric',
  'Sébastien',
  'Thérèse',
  'Josée',
  'Aurélien',
  'Valérie',
  'Mélanie',
  'Jérémy',
  'Rémi',
  'Timothée',
];
export const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'André',
  'Lefebvre',
  'Mercier',
  'Dupont',
  'Lambert',
  'Bonnet',
  'François',
  'Martinez',
  'Légaré',
  'Bérard',
  'Chevalier',
  'Gérard',
  'Boyer',
  'Gauthier',
  'Perrin',
  'Rousseau',
  'Clément',
  'Fontaine',
  'Hébert',
  'Caron',
  'Masson',
  'Noël',
  'Brunet',
  'Béranger',
  'Ménard',
  'Lécuyer',
  'Pelletier',
  'Lemaître',
];
export const STREETS = [
  'rue de la République',
  'avenue Jean-Jaurès',
  'rue Victor-Hugo',
  'boulevard Gambetta',
  'rue des Écoles',
  'place de l’Église',
  'rue Émile-Zola',
  'allée des Tilleuls',
  'rue du Général-Leclerc',
  'impasse des Lilas',
];
/** Real communes with one of their postal codes and INSEE code. */
export const COMMUNES = [
  { postalCode: '75011', city: 'Paris', insee: '75111' },
  { postalCode: '75015', city: 'Paris', insee: '75115' },
  { postalCode: '92100', city: 'Boulogne-Billancourt', insee: '92012' },
  { postalCode: '93100', city: 'Montreuil', insee: '93048' },
  { postalCode: '94300', city: 'Vincennes', insee: '94080' },
  { postalCode: '92200', city: 'Neuilly-sur-Seine', insee: '92051' },
  { postalCode: '78000', city: 'Versailles', insee: '78646' },
  { postalCode: '94200', city: 'Ivry-sur-Seine', insee: '94041' },
  { postalCode: '69003', city: 'Lyon', insee: '69383' },
  { postalCode: '69100', city: 'Villeurbanne', insee: '69266' },
  { postalCode: '13005', city: 'Marseille', insee: '13205' },
  { postalCode: '31000', city: 'Toulouse', insee: '31555' },
  { postalCode: '33000', city: 'Bordeaux', insee: '33063' },
  { postalCode: '44000', city: 'Nantes', insee: '44109' },
  { postalCode: '67000', city: 'Strasbourg', insee: '67482' },
  { postalCode: '59000', city: 'Lille', insee: '59350' },
  { postalCode: '35000', city: 'Rennes', insee: '35238' },
  { postalCode: '34000', city: 'Montpellier', insee: '34172' },
  { postalCode: '06000', city: 'Nice', insee: '06088' },
  { postalCode: '38000', city: 'Grenoble', insee: '38185' },
] as const;
export { INSTRUMENTS } from '@contracts';
export const LEVELS = ['beginner', 'intermediate', 'advanced'] as const;

const strip = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

export function makeName(random: Random) {
  return { firstName: random.pick(FIRST_NAMES), lastName: random.pick(LAST_NAMES) };
}

export function makeEmail(random: Random, firstName: string, lastName: string, n: number): string {
  const domain = random.pick(['exemple.fr', 'courriel.example', 'mail.example.org']);
  return `${strip(firstName)}.${strip(lastName)}${n}@${domain}`;
}

/** A French mobile number in E.164 (+336… / +337…). */
export function makeMobile(random: Random, n: number): string {
  const prefix = random.pick(['6', '7']);
  return `+33${prefix}${String(n % 100_000_000).padStart(8, '0')}`;
}

export function makeAddress(random: Random) {
  const commune = random.pick(COMMUNES);
  return {
    line1: `${random.int(1, 180)} ${random.pick(STREETS)}`,
    line2: null,
    postalCode: commune.postalCode,
    city: commune.city,
    country: 'FR',
  };
}

export function makeBirthDate(random: Random, fromYear: number, toYear: number): string {
  return `${random.int(fromYear, toYear)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
}
