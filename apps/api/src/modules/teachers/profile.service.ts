import type { TeacherProfile, TeacherProfileBody, TeacherStatus } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { DomainError, invalidField, notFound, stale } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { lookUpPlace } from '../../platform/places.js';
import { assertProfileRead, assertProfileWrite } from './teacher-access.js';
import {
  findTeacherWithPerson,
  profileRows,
  replaceProfileRows,
  updateTeacherProfile,
  type ProfileRowsInput,
} from './profile.repository.js';

export type ProfileInput = ProfileRowsInput & {
  bio: string | null;
  styles: string[];
  maxTravelKm: number | null;
  teachesAtHome: boolean;
  teachesAtSchool: boolean;
  teachesOnline: boolean;
  capacityNewStudents: number | null;
  address: { line1: string; postalCode: string; city: string } | null;
};

/**
 * Resolves the teacher's address to a commune and coordinates (offline registry): an unknown postal code is refused,
 * and so is a city that does not say which of the communes sharing the code it is (never a silent guess).
 */
function placeColumns(address: ProfileInput['address']) {
  const found = address ? lookUpPlace({ postalCode: address.postalCode, city: address.city }) : null;
  if (found?.kind === 'unknown')
    throw invalidField('address.postalCode', found.cedex ? 'postal_code_cedex' : 'unknown_postal_code');
  if (found?.kind === 'ambiguous') throw invalidField('address.city', 'commune_ambiguous');
  const place = found?.kind === 'found' ? found.place : null;
  return {
    address_line1: address?.line1 ?? null,
    postal_code: address?.postalCode ?? null,
    city: address?.city ?? null,
    insee_code: place?.inseeCode ?? null,
    latitude: place?.latitude ?? null,
    longitude: place?.longitude ?? null,
  };
}

function parseStyles(json: string | null): string[] {
  if (!json) return [];
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

/** The teacher's profile (fiche professeur): one view for the teacher and for staff. */
export function createTeacherProfileService(deps: Deps) {
  const { db, clock } = deps;

  async function view(tx: Tx, teacherId: string): Promise<TeacherProfile> {
    const t = await findTeacherWithPerson(tx, teacherId);
    if (!t) throw notFound();
    const rows = await profileRows(tx, teacherId);
    return {
      teacherId,
      firstName: t.first_name,
      lastName: t.last_name,
      email: t.email,
      phone: t.phone,
      userId: t.user_id,
      status: t.status as TeacherStatus,
      statusReason: t.status_reason,
      statusUntil: t.status_until,
      bio: t.bio,
      instruments: rows.instruments.map((i) => ({
        instrument: i.instrument,
        levelMin: i.level_min,
        levelMax: i.level_max,
        ageMin: i.age_min,
        ageMax: i.age_max,
      })),
      styles: parseStyles(t.styles),
      zones: rows.zones.map((z) => ({ kind: z.kind as 'commune' | 'postal_code' | 'department', code: z.code })),
      maxTravelKm: t.max_travel_km,
      teachesAtHome: t.teaches_at_home === 1,
      teachesAtSchool: t.teaches_at_school === 1,
      teachesOnline: t.teaches_online === 1,
      capacityNewStudents: t.capacity_new_students,
      // A teacher onboarded from an application has a postal code and town but no street yet: shown for completion.
      address:
        t.postal_code && t.city ? { line1: t.address_line1 ?? '', postalCode: t.postal_code, city: t.city } : null,
      place: { inseeCode: t.insee_code, latitude: t.latitude, longitude: t.longitude },
      availability: rows.availability.map((s) => ({
        weekday: s.weekday,
        startMinute: s.start_minute,
        endMinute: s.end_minute,
      })),
      version: t.version,
      updatedAt: t.updated_at,
    };
  }

  /**
   * Writes the whole profile in the caller's transaction, with the teacher's version as the optimistic lock
   * (null: the row was just created by the caller, as when an application is accepted).
   */
  async function writeProfile(
    tx: Tx,
    actor: Actor,
    teacherId: string,
    input: ProfileInput,
    version: number | null,
  ): Promise<void> {
    const before = await view(tx, teacherId);
    const set = {
      bio: input.bio,
      styles: JSON.stringify([...new Set(input.styles)]),
      max_travel_km: input.maxTravelKm,
      teaches_at_home: input.teachesAtHome ? 1 : 0,
      teaches_at_school: input.teachesAtSchool ? 1 : 0,
      teaches_online: input.teachesOnline ? 1 : 0,
      capacity_new_students: input.capacityNewStudents,
      ...placeColumns(input.address),
      updated_at: clock.now().toISOString(),
    };
    if (!(await updateTeacherProfile(tx, teacherId, set, version))) throw stale();
    await replaceProfileRows(tx, teacherId, input);
    const after = await view(tx, teacherId);
    const { version: _bv, updatedAt: _bu, ...beforeRest } = before;
    const { version: _av, updatedAt: _au, ...afterRest } = after;
    await recordAudit(tx, clock, actor, {
      entityType: 'teacher',
      entityId: teacherId,
      action: 'profile-update',
      before: beforeRest,
      after: afterRest,
    });
  }

  return {
    view,
    writeProfile,

    async get(actor: Actor, teacherId: string): Promise<TeacherProfile> {
      assertProfileRead(actor, teacherId);
      return view(db, teacherId);
    },

    async update(actor: Actor, teacherId: string, body: TeacherProfileBody): Promise<TeacherProfile> {
      assertProfileWrite(actor, teacherId);
      return db.transaction().execute(async (tx) => {
        const current = await findTeacherWithPerson(tx, teacherId);
        if (!current) throw notFound();
        if (current.status === 'excluded') throw new DomainError('TEACHER_EXCLUDED');
        await writeProfile(tx, actor, teacherId, { ...body, bio: body.bio ?? null }, body.version);
        return view(tx, teacherId);
      });
    },
  };
}
export type TeacherProfileService = ReturnType<typeof createTeacherProfileService>;
