import i18next from 'i18next';
import { SCHOOLS_NS } from './schools-ns';

/** The navigation labels of the school network, the only texts of the `schools` namespace a portal loads first. */
const fr = {
  nav: {
    schools: 'Écoles',
    seasons: 'Saisons et calendrier',
    courses: 'Cours',
    timetables: 'Emplois du temps',
    reports: 'Rapports',
    myTimetable: 'Mon emploi du temps',
  },
};
const en: typeof fr = {
  nav: {
    schools: 'Schools',
    seasons: 'Seasons and calendar',
    courses: 'Courses',
    timetables: 'Timetables',
    reports: 'Reports',
    myTimetable: 'My timetable',
  },
};

function addBundles(): void {
  i18next.addResourceBundle('fr', SCHOOLS_NS, fr, true, false);
  i18next.addResourceBundle('en', SCHOOLS_NS, en, true, false);
}
// The navigation imports this file before i18next is initialised; the store exists only after init.
if (i18next.isInitialized) addBundles();
else i18next.on('initialized', addBundles);
