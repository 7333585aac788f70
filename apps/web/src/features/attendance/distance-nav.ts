import { IconDeviceLaptop } from '@tabler/icons-react';
import type { NavItem } from '../../ui/nav';
import './distance-nav-i18n';

/** The family portal's entry: its children's distance lessons, to say "ok". */
export const DISTANCE_FAMILY_NAV: NavItem = {
  to: '/family/distance',
  labelKey: 'distance:nav.family',
  icon: IconDeviceLaptop,
  roles: ['guardian'],
};
