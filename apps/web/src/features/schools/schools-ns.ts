/** The i18next namespace of the school network's texts. */
export const SCHOOLS_NS = 'schools';
