import { IconUserShare } from '@tabler/icons-react';
import type { NavItem } from '../../ui/nav';
import './replacements-nav-i18n';

/** The office's entry: absences and substitutes of the schools one follows (secretariat, director). */
export const REPLACEMENTS_OFFICE_NAV: NavItem = {
  to: '/office/replacements',
  labelKey: 'replacements:nav.office',
  icon: IconUserShare,
  roles: ['admin', 'secretariat'],
};
