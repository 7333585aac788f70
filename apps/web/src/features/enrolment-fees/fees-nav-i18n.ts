import i18next from 'i18next';

/** The navigation labels of school fees, the only texts of the `fees` namespace a portal loads first. */
const fr = { nav: { portal: 'Frais et annulations', office: 'Frais de scolarité' } };
const en: typeof fr = { nav: { portal: 'Fees and cancellations', office: 'School fees' } };

function addBundles(): void {
  i18next.addResourceBundle('fr', 'fees', fr, true, false);
  i18next.addResourceBundle('en', 'fees', en, true, false);
}
if (i18next.isInitialized) addBundles();
else i18next.on('initialized', addBundles);
