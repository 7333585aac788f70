import { notFound } from '../../platform/errors.js';
import { fields, NO_FIELDS, recordType } from '../../platform/records.js';
import { createSettingsService } from './settings.service.js';

/** The organisation's settings, one record ("organisation"), read by staff as GET /api/settings shows them. */
export const SETTINGS_RECORDS = [
  recordType('settings', (deps) => {
    const settings = createSettingsService(deps);
    return {
      read: async (actor, id) => {
        const values = await settings.read(actor);
        if (id !== 'organisation') throw notFound();
        return fields(...Object.keys(values));
      },
      fields: (_actor, shown) => shown,
      all: NO_FIELDS,
    };
  }),
];
