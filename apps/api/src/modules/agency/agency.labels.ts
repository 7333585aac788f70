import type { Locale } from '@contracts';

/** Levels are ordinals (1 beginner, 2 intermediate, 3 advanced): their words in e-mails and matching reasons. */
export const LEVEL_LABEL: Record<Locale, Record<number, string>> = {
  fr: { 1: 'débutant', 2: 'intermédiaire', 3: 'avancé' },
  en: { 1: 'beginner', 2: 'intermediate', 3: 'advanced' },
};
