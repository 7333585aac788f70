import { IconAddressBook, IconBellRinging, IconUserQuestion } from '@tabler/icons-react';
import type { NavItem } from '../../ui/nav';
import './missing-nav-i18n';

const OFFICE_ROLES: NavItem['roles'] = ['admin', 'secretariat', 'board'];

/** The office's reports: students missing since a date, and contacts to correct (secretariat, board, director). */
export const MISSING_OFFICE_NAV: NavItem[] = [
  { to: '/office/missing-students', labelKey: 'missing:nav.missing', icon: IconUserQuestion, roles: OFFICE_ROLES },
  { to: '/office/contact-issues', labelKey: 'missing:nav.contacts', icon: IconAddressBook, roles: OFFICE_ROLES },
];

/** The family portal's entry: how the family is told of absences. */
export const MISSING_FAMILY_NAV: NavItem = {
  to: '/family/absence-notices',
  labelKey: 'missing:nav.notices',
  icon: IconBellRinging,
  roles: ['guardian'],
};
