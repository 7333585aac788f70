import type { fr } from './fr';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every language file must follow (keys of the French file). */
export type Messages = Widen<typeof fr>;
