import type { FileStage, OpenRequestsNearTeacher } from '@contracts';
import type { Deps } from '../../../platform/deps.js';
import type { Actor } from '../../../platform/actor.js';
import { requirePermission } from '../../../platform/access.js';
import { notFound } from '../../../platform/errors.js';
import { readSettings } from '../../../platform/settings.js';
import { DEFAULT_MAX_TRAVEL_KM, LONGEST_TRAVEL_KM, settingIn } from '../agency.settings.js';
import { travelReachKm } from './matching.rules.js';
import { openRequestNearTeacher } from './nearby.rules.js';
import { teacherWithOffers, waitingFilesOfInstruments } from './nearby.repository.js';

/** The teacher-centred view of recruitment: the requests still waiting for a teacher that this teacher could take. */
export function createNearbyService(deps: Deps) {
  const { db } = deps;
  return {
    async openRequestsNear(actor: Actor, teacherId: string): Promise<OpenRequestsNearTeacher> {
      requirePermission(actor, 'agency.match');
      const found = await teacherWithOffers(db, teacherId);
      if (!found) throw notFound();
      const settings = await readSettings(db);
      const defaultKm = settingIn(settings, DEFAULT_MAX_TRAVEL_KM);
      const longestKm = settingIn(settings, LONGEST_TRAVEL_KM);
      const files = await waitingFilesOfInstruments(db, [...new Set(found.offers.map((o) => o.instrument))]);
      const requests: OpenRequestsNearTeacher['requests'] = [];
      for (const file of files) {
        const offer = found.offers.find((o) => o.instrument === file.instrument);
        if (!offer) continue;
        const near = openRequestNearTeacher(offer, file, travelReachKm(offer.max_travel_km, defaultKm, longestKm));
        if (!near) continue;
        requests.push({
          fileId: file.id,
          reference: file.reference,
          stage: file.stage as FileStage,
          instrument: file.instrument,
          level: file.level,
          place: file.place,
          city: file.city,
          postalCode: file.postal_code,
          distanceKm: near.distanceKm,
          student: file.first_name ? { firstName: file.first_name, lastName: file.last_name ?? '' } : null,
        });
      }
      // Nearest first; online requests after those in person.
      requests.sort((a, b) => (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity));
      const { teacher } = found;
      return {
        teacher: { id: teacher.id, firstName: teacher.first_name, lastName: teacher.last_name },
        requests,
      };
    },
  };
}
export type NearbyService = ReturnType<typeof createNearbyService>;
