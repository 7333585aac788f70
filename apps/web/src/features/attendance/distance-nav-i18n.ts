import i18next from 'i18next';

/** The navigation label of distance lessons: the only text of the `distance` namespace a portal loads first. */
const fr = { nav: { family: 'Cours à distance' } };
const en: typeof fr = { nav: { family: 'Distance lessons' } };

function addBundles(): void {
  i18next.addResourceBundle('fr', 'distance', fr, true, false);
  i18next.addResourceBundle('en', 'distance', en, true, false);
}
if (i18next.isInitialized) addBundles();
else i18next.on('initialized', addBundles);
