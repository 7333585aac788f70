import { requirePermission } from '../../platform/access.js';
import { notFound } from '../../platform/errors.js';
import { fields, recordType, sameForAll } from '../../platform/records.js';
import { findUserById } from '../auth/auth.repository.js';

/** Accounts, as GET /api/users shows them to the director (never a password hash: the audit never keeps one). */
const USER_FIELDS = fields('email', 'display_name', 'locale', 'status', 'person_id', 'roles', 'last_login_at');

export const USERS_RECORDS = [
  recordType('user', (deps) =>
    sameForAll(USER_FIELDS, async (actor, id) => {
      requirePermission(actor, 'users.manage');
      if (!(await findUserById(deps.db, id))) throw notFound();
    }),
  ),
];
