import type { TeacherProfile } from '@contracts';
import { minutesToTime, timeToMinutes } from './lifecycle-i18n';
import type { TeachingValues } from './TeachingFields';

/** Between the form's shape (times as "HH:MM", zones as two tag lists) and the API's. */
export function teachingToBody(v: TeachingValues, keepCommunes: { kind: 'commune'; code: string }[] = []) {
  return {
    instruments: v.instruments,
    styles: v.styles,
    zones: [
      ...keepCommunes,
      ...v.postalCodes.map((code) => ({ kind: 'postal_code' as const, code: code.trim() })),
      ...v.departments.map((code) => ({ kind: 'department' as const, code: code.trim().toUpperCase() })),
    ],
    maxTravelKm: v.maxTravelKm === '' ? null : v.maxTravelKm,
    teachesAtHome: v.teachesAtHome,
    teachesAtSchool: v.teachesAtSchool,
    teachesOnline: v.teachesOnline,
    availability: v.slots.map((s) => ({
      weekday: s.weekday,
      startMinute: timeToMinutes(s.start),
      endMinute: timeToMinutes(s.end),
    })),
  };
}

export function profileToTeaching(p: TeacherProfile): TeachingValues {
  return {
    instruments: p.instruments.length ? p.instruments : [],
    styles: p.styles,
    postalCodes: p.zones.filter((z) => z.kind === 'postal_code').map((z) => z.code),
    departments: p.zones.filter((z) => z.kind === 'department').map((z) => z.code),
    maxTravelKm: p.maxTravelKm ?? '',
    teachesAtHome: p.teachesAtHome,
    teachesAtSchool: p.teachesAtSchool,
    teachesOnline: p.teachesOnline,
    slots: p.availability.map((s) => ({
      weekday: s.weekday,
      start: minutesToTime(s.startMinute),
      end: minutesToTime(s.endMinute),
    })),
  };
}
