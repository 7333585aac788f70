import i18next from 'i18next';

/**
 * The navigation labels of enrolment (administrative enrolment, timetable choice, re-enrolment, fees): the only texts of
 * their namespaces a portal loads first. Each page loads its whole namespace with its own code.
 */
const fr = {
  admission: { nav: { mine: 'Mes inscriptions', list: 'Inscriptions' } },
  choice: { nav: 'Choix des horaires' },
  reenrol: { nav: 'Réinscriptions' },
  fees: { nav: { portal: 'Frais et annulations', office: 'Frais de scolarité' } },
};
const en: typeof fr = {
  admission: { nav: { mine: 'My enrolments', list: 'Enrolments' } },
  choice: { nav: 'Timetable choice' },
  reenrol: { nav: 'Re-enrolment' },
  fees: { nav: { portal: 'Fees and cancellations', office: 'School fees' } },
};

function addBundles(): void {
  for (const [lng, bundles] of [
    ['fr', fr],
    ['en', en],
  ] as const) {
    for (const [ns, texts] of Object.entries(bundles)) i18next.addResourceBundle(lng, ns, texts, true, false);
  }
}
if (i18next.isInitialized) addBundles();
else i18next.on('initialized', addBundles);
