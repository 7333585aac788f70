import i18next from 'i18next';

/** The navigation labels of absence notices and the missing-students reports (the `missing` namespace's first). */
const fr = { nav: { missing: 'Élèves disparus', contacts: 'Contacts à corriger', notices: 'Avis d’absence' } };
const en: typeof fr = {
  nav: { missing: 'Missing students', contacts: 'Contacts to correct', notices: 'Absence notices' },
};

function addBundles(): void {
  i18next.addResourceBundle('fr', 'missing', fr, true, false);
  i18next.addResourceBundle('en', 'missing', en, true, false);
}
if (i18next.isInitialized) addBundles();
else i18next.on('initialized', addBundles);
