import i18next from 'i18next';

/** The navigation labels of teachers' hours: the only texts of the `hours` namespace a portal loads first. */
const fr = { nav: { office: 'Heures des professeurs', mine: 'Mes heures' } };
const en: typeof fr = { nav: { office: 'Teachers’ hours', mine: 'My hours' } };

function addBundles(): void {
  i18next.addResourceBundle('fr', 'hours', fr, true, false);
  i18next.addResourceBundle('en', 'hours', en, true, false);
}
if (i18next.isInitialized) addBundles();
else i18next.on('initialized', addBundles);
