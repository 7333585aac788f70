import type { ComponentType } from 'react';
import type { Role } from '@contracts';

/** One entry of a portal's navigation; shown to users holding at least one of `roles`. */
export interface NavItem {
  to: string;
  /** i18n key of the label, e.g. 'nav.families'. */
  labelKey: string;
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
  roles: readonly Role[];
  /** Active only on this exact path (for a portal's home). */
  end?: boolean;
}

export function navFor(items: readonly NavItem[], roles: readonly Role[]): NavItem[] {
  return items.filter((item) => item.roles.some((role) => roles.includes(role)));
}

export const hasAnyRole = (held: readonly Role[], wanted: readonly Role[]) =>
  wanted.some((role) => held.includes(role));
