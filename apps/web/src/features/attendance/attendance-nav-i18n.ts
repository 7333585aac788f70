import i18next from 'i18next';

/** The navigation labels of attendance sheets: the only texts of the `attendance` namespace a portal loads first. */
const fr = { nav: { mine: 'Feuilles de présence', office: 'Feuilles de présence', family: 'Présences' } };
const en: typeof fr = { nav: { mine: 'Attendance sheets', office: 'Attendance sheets', family: 'Attendance' } };

function addBundles(): void {
  i18next.addResourceBundle('fr', 'attendance', fr, true, false);
  i18next.addResourceBundle('en', 'attendance', en, true, false);
}
if (i18next.isInitialized) addBundles();
else i18next.on('initialized', addBundles);
