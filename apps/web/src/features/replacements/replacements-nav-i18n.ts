import i18next from 'i18next';

/** The navigation label of replacements: the only text of the `replacements` namespace a portal loads first. */
const fr = { nav: { office: 'Remplacements' } };
const en: typeof fr = { nav: { office: 'Replacements' } };

function addBundles(): void {
  i18next.addResourceBundle('fr', 'replacements', fr, true, false);
  i18next.addResourceBundle('en', 'replacements', en, true, false);
}
if (i18next.isInitialized) addBundles();
else i18next.on('initialized', addBundles);
