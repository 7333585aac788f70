import { distanceKm } from '../../../platform/places.js';

/** What the teacher-centred view needs of one instrument a teacher teaches (a teacher_match_index row). */
export type TeacherOffer = {
  instrument: string;
  level_min: number;
  level_max: number;
  latitude: number | null;
  longitude: number | null;
  teaches_online: number | null;
};
/** What it needs of a file still waiting for a teacher. */
export type WaitingRequest = {
  instrument: string;
  level: number;
  place: string;
  latitude: number | null;
  longitude: number | null;
};

/** The stages in which a file waits for a teacher (recruitment can still propose one). */
export const WAITING_STAGES = ['new_request', 'subscribed', 'matching'] as const;

/**
 * "Open requests near this teacher": a waiting request of an instrument the teacher teaches, at a level they teach,
 * online when they teach online, in person within their travel reach (`travelReachKm`, the same bound as matching's).
 * Returns the distance (km, null online) or null when the request is not for this teacher.
 */
export function openRequestNearTeacher(
  offer: TeacherOffer,
  request: WaitingRequest,
  reachKm: number,
): { distanceKm: number | null } | null {
  if (offer.instrument !== request.instrument) return null;
  if (request.level < offer.level_min || request.level > offer.level_max) return null;
  if (request.place === 'online') return offer.teaches_online ? { distanceKm: null } : null;
  if (offer.latitude === null || offer.longitude === null || request.latitude === null || request.longitude === null)
    return null;
  const km = distanceKm(
    { latitude: offer.latitude, longitude: offer.longitude },
    { latitude: request.latitude, longitude: request.longitude },
  );
  return km <= reachKm ? { distanceKm: Math.round(km * 10) / 10 } : null;
}
