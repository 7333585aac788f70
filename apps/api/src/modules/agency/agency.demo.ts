import { STAGE_OWNER, type FileStage } from '@contracts';
import type { DemoContext } from '../../platform/demo.js';
import { addDays, dateInZone } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { resolvePlace } from '../../platform/places.js';
import {
  familyBillingAddress,
  firstStudentOfFamily,
  insertPlans,
  insertTeacherAvailability,
  insertTeacherInstrument,
  insertTeacherZone,
  teacherHasInstrument,
  unfiledAssignment,
  updateTeacherProfile,
} from './agency.demo.repository.js';
import { insertStageEvent, insertSubscription } from './files.repository.js';
import { insertAssignment } from './handover.repository.js';
import { firstDebitDeadline } from './handover.rules.js';
import { insertLesson, updateAssignment } from './lessons/lessons.repository.js';
import { insertFile, insertSlots } from './requests.repository.js';

/** Teachers of the demo live around Paris so that a Paris request always finds candidates. */
const TEACHER_PLACES = [
  '75011',
  '75015',
  '93100',
  '94300',
  '92100',
  '75011',
  '92200',
  '94200',
  '75015',
  '93100',
  '78000',
  '75011',
];
const STYLES = ['classique', 'jazz', 'pop', 'rock', 'musiques du monde', 'chanson'];

async function teacherProfiles(ctx: DemoContext): Promise<void> {
  const { tx, random } = ctx;
  for (const [i, teacherId] of ctx.teacherIds.entries()) {
    if (await teacherHasInstrument(tx, teacherId)) continue; // another module (or an earlier run) already gave this teacher a profile
    const place = resolvePlace({ postalCode: TEACHER_PLACES[i % TEACHER_PLACES.length] as string });
    await updateTeacherProfile(tx, teacherId, {
      max_travel_km: random.int(6, 15),
      teaches_at_home: 1,
      teaches_at_school: 0,
      teaches_online: i % 3 === 0 ? 1 : 0,
      capacity_new_students: random.int(2, 4),
      postal_code: place?.postalCode ?? null,
      city: place?.commune ?? null,
      insee_code: place?.inseeCode ?? null,
      latitude: place?.latitude ?? null,
      longitude: place?.longitude ?? null,
      styles: JSON.stringify([random.pick(STYLES), random.pick(STYLES)].filter((s, k, all) => all.indexOf(s) === k)),
    });
    // Half the teachers teach piano, so the piano requests of the demo show a real ranking.
    const instruments =
      i === 0
        ? ['piano', 'voice']
        : i % 2 === 0
          ? ['piano', random.pick(['guitar', 'flute', 'voice'])]
          : [random.pick(['guitar', 'violin', 'cello', 'drums', 'saxophone']), ...(i % 4 === 1 ? ['piano'] : [])];
    for (const instrument of [...new Set(instruments)]) {
      const levelMin = i % 5 === 4 ? 2 : 1;
      await insertTeacherInstrument(tx, {
        teacher_id: teacherId,
        instrument,
        level_min: levelMin,
        level_max: random.int(Math.max(levelMin, 2), 3),
        age_min: random.pick([4, 5, 6, 7]),
        age_max: random.pick([14, 18, 99]),
      });
    }
    for (const weekday of [...new Set([random.int(1, 6), random.int(1, 6), 3])]) {
      const start = random.pick([9, 13, 14, 16]) * 60;
      await insertTeacherAvailability(tx, {
        teacher_id: teacherId,
        weekday,
        start_minute: start,
        end_minute: start + random.pick([3, 4, 5]) * 60,
      });
    }
    if (place) await insertTeacherZone(tx, { teacher_id: teacherId, kind: 'commune', code: place.inseeCode });
  }
}

type DemoFile = {
  familyIndex: number;
  stage: FileStage;
  daysInPipeline: number;
  instrument: string;
  level: number;
  teacherIndex?: number;
  lessons?: number;
  firstLessonInDays?: number | null;
  planIndex?: number;
  previousTeacherIndex?: number;
  closedReason?: string;
  duplicateOf?: number;
  source?: 'public' | 'phone';
};

const FILES: DemoFile[] = [
  { familyIndex: 3, stage: 'new_request', daysInPipeline: 0, instrument: 'piano', level: 1, source: 'public' },
  { familyIndex: 4, stage: 'new_request', daysInPipeline: 3, instrument: 'guitar', level: 2, source: 'phone' },
  {
    familyIndex: 5,
    stage: 'new_request',
    daysInPipeline: 1,
    instrument: 'piano',
    level: 1,
    source: 'public',
    duplicateOf: 6,
  },
  { familyIndex: 7, stage: 'subscribed', daysInPipeline: 1, instrument: 'violin', level: 1, planIndex: 0 },
  { familyIndex: 8, stage: 'matching', daysInPipeline: 2, instrument: 'piano', level: 1, planIndex: 1 },
  { familyIndex: 9, stage: 'matching', daysInPipeline: 12, instrument: 'piano', level: 2, planIndex: 1 },
  {
    familyIndex: 10,
    stage: 'matching',
    daysInPipeline: 40,
    instrument: 'piano',
    level: 1,
    planIndex: 2,
    previousTeacherIndex: 2,
  },
  {
    familyIndex: 11,
    stage: 'contact_handed_over',
    daysInPipeline: 6,
    instrument: 'piano',
    level: 1,
    teacherIndex: 4,
    planIndex: 1,
    firstLessonInDays: null,
  },
  {
    familyIndex: 12,
    stage: 'contact_handed_over',
    daysInPipeline: 15,
    instrument: 'guitar',
    level: 1,
    teacherIndex: 1,
    planIndex: 0,
    firstLessonInDays: null,
  },
  {
    familyIndex: 13,
    stage: 'first_lesson_scheduled',
    daysInPipeline: 9,
    instrument: 'piano',
    level: 2,
    teacherIndex: 6,
    planIndex: 1,
    firstLessonInDays: 2,
  },
  {
    familyIndex: 14,
    stage: 'first_lesson_scheduled',
    daysInPipeline: 10,
    instrument: 'voice',
    level: 1,
    teacherIndex: 0,
    planIndex: 0,
    firstLessonInDays: 1,
  },
  {
    familyIndex: 0,
    stage: 'ongoing',
    daysInPipeline: 70,
    instrument: 'piano',
    level: 1,
    teacherIndex: 2,
    planIndex: 1,
    lessons: 6,
  },
  {
    familyIndex: 1,
    stage: 'ongoing',
    daysInPipeline: 60,
    instrument: 'piano',
    level: 2,
    teacherIndex: 0,
    planIndex: 1,
    lessons: 5,
  },
  {
    familyIndex: 2,
    stage: 'ongoing',
    daysInPipeline: 45,
    instrument: 'voice',
    level: 1,
    teacherIndex: 0,
    planIndex: 0,
    lessons: 3,
  },
  {
    familyIndex: 15,
    stage: 'ongoing',
    daysInPipeline: 50,
    instrument: 'piano',
    level: 1,
    teacherIndex: 8,
    planIndex: 1,
    lessons: 0,
  },
  {
    familyIndex: 16,
    stage: 'closed',
    daysInPipeline: 90,
    instrument: 'flute',
    level: 1,
    planIndex: 0,
    closedReason: 'La famille a déménagé à Lyon',
  },
];

const PATHS: FileStage[] = [
  'new_request',
  'subscribed',
  'matching',
  'contact_handed_over',
  'first_lesson_scheduled',
  'ongoing',
];

/** Plans, teacher profiles and ~15 files spread over every stage, with lessons: a living pipeline. */
export async function agencyDemo(ctx: DemoContext): Promise<void> {
  const { tx, deps, random } = ctx;
  const now = deps.clock.now();
  const today = dateInZone(now, 'Europe/Paris');
  const at = (daysAgo: number, hour = 9) =>
    new Date(now.getTime() - daysAgo * 86_400_000 - (now.getUTCHours() - hour) * 3_600_000).toISOString();
  const plans = [
    { name: 'Hebdomadaire 30 min', minutes: 30, frequency: 'weekly', lessons: 32, price: 9_900 },
    { name: 'Hebdomadaire 45 min', minutes: 45, frequency: 'weekly', lessons: 32, price: 13_900 },
    { name: 'Toutes les deux semaines 60 min', minutes: 60, frequency: 'fortnightly', lessons: 16, price: 9_500 },
  ].map((p) => ({
    id: newId(),
    name: p.name,
    lesson_minutes: p.minutes,
    frequency: p.frequency,
    lessons_per_season: p.lessons,
    price_cents: p.price,
    billing_period: 'monthly',
    active: 1,
    created_at: at(200),
    updated_at: at(200),
    version: 1,
  }));
  await insertPlans(tx, plans);
  await teacherProfiles(ctx);

  for (const spec of FILES) {
    const familyId = ctx.familyIds[spec.familyIndex];
    if (!familyId) continue;
    const student = await firstStudentOfFamily(tx, familyId);
    const family = await familyBillingAddress(tx, familyId);
    if (!student) continue;
    const place = family.billing_postal_code
      ? resolvePlace({ postalCode: family.billing_postal_code, city: family.billing_city })
      : null;
    const plan = plans[spec.planIndex ?? 1] as (typeof plans)[number];
    const fileId = newId();
    const created = spec.daysInPipeline;
    const stages =
      spec.stage === 'closed' ? [...PATHS, 'closed' as FileStage] : PATHS.slice(0, PATHS.indexOf(spec.stage) + 1);
    // Spread the stage changes over the file's life so lead times and ages look real.
    const stageDays = stages.map((_, k) => Math.round(created - (created * k) / Math.max(1, stages.length)));
    const lastChange = stageDays[stageDays.length - 1] ?? 0;
    await insertFile(tx, {
      id: fileId,
      family_id: familyId,
      student_id: student.id,
      stage: spec.stage,
      stage_changed_at: at(lastChange),
      owner_service: STAGE_OWNER[spec.stage],
      source: spec.source ?? (random.chance(0.5) ? 'public' : 'phone'),
      instrument: spec.instrument,
      level: spec.level,
      goals: random.pick([
        'Découvrir l’instrument en s’amusant',
        'Préparer l’entrée au conservatoire',
        'Jouer avec des amis, plutôt pop',
        'Reprendre après une pause de quelques années',
      ]),
      place: 'home',
      address_line1: family.billing_line1,
      postal_code: place?.postalCode ?? null,
      city: place?.commune ?? family.billing_city,
      insee_code: place?.inseeCode ?? null,
      latitude: place?.latitude ?? null,
      longitude: place?.longitude ?? null,
      lesson_minutes: plan.lesson_minutes,
      frequency: plan.frequency,
      teacher_wishes: random.chance(0.3) ? 'Plutôt une professeure, patiente avec les enfants' : null,
      styles: JSON.stringify([random.pick(STYLES)]),
      closed_reason: spec.closedReason ?? null,
      created_at: at(created),
      updated_at: at(lastChange),
      version: 1,
      duplicate_family_id: spec.duplicateOf !== undefined ? (ctx.familyIds[spec.duplicateOf] ?? null) : null,
      reference: `R-DEMO${String(FILES.indexOf(spec) + 1).padStart(2, '0')}`,
    });
    await insertSlots(tx, [
      { file_id: fileId, weekday: 3, start_minute: 14 * 60, end_minute: 18 * 60 },
      { file_id: fileId, weekday: random.int(1, 6), start_minute: 17 * 60, end_minute: 19 * 60 },
    ]);
    for (const [k, stage] of stages.entries()) {
      await insertStageEvent(tx, {
        id: newId(),
        file_id: fileId,
        from_stage: k === 0 ? null : (stages[k - 1] ?? null),
        to_stage: stage,
        reason: k === 0 ? 'demande reçue' : stage === 'closed' ? (spec.closedReason ?? 'clos') : 'étape suivante',
        at: at(stageDays[k] ?? 0),
        actor_user_id: null,
        actor_name: 'Démo',
      });
    }
    if (spec.stage === 'new_request') continue;

    const handoverDay = stages.includes('contact_handed_over')
      ? (stageDays[stages.indexOf('contact_handed_over')] ?? 0)
      : null;
    const handoverDate = handoverDay === null ? null : addDays(today, -handoverDay);
    const active = spec.stage !== 'closed' && handoverDate !== null && spec.teacherIndex !== undefined;
    await insertSubscription(tx, {
      id: newId(),
      file_id: fileId,
      family_id: familyId,
      student_id: student.id,
      plan_id: plan.id,
      status: spec.stage === 'closed' ? 'ended' : active ? 'active' : 'pending',
      subscribed_on: addDays(today, -(stageDays[1] ?? 0)),
      billable_from: active ? handoverDate : null,
      first_debit_by: active && handoverDate ? firstDebitDeadline(handoverDate, 9) : null,
      ended_on: spec.stage === 'closed' ? addDays(today, -lastChange) : null,
      on_hold: 0,
      hold_reason: null,
      hold_since: null,
      created_at: at(stageDays[1] ?? 0),
      updated_at: at(lastChange),
      version: 1,
    });

    if (spec.previousTeacherIndex !== undefined) {
      const prev = ctx.teacherIds[spec.previousTeacherIndex];
      if (prev) {
        await insertAssignment(tx, {
          id: newId(),
          student_id: student.id,
          teacher_id: prev,
          family_id: familyId,
          started_on: addDays(today, -35),
          ended_on: addDays(today, -3),
          end_reason: 'mismatch',
          created_at: at(35),
          updated_at: at(3),
          version: 2,
          file_id: fileId,
          handed_over_at: at(35),
          first_lesson_on: addDays(today, -30),
          first_lesson_recorded_by: 'teacher',
          could_not_reach_at: null,
        });
      }
    }
    const teacherId = spec.teacherIndex !== undefined ? ctx.teacherIds[spec.teacherIndex] : undefined;
    if (!active || !teacherId || handoverDate === null || handoverDay === null) continue;
    const firstLessonOn =
      spec.stage === 'ongoing'
        ? addDays(handoverDate, random.int(4, 8))
        : spec.firstLessonInDays
          ? addDays(today, spec.firstLessonInDays)
          : null;
    // The demo teacher's existing assignments (families 2 and 3) become the assignments of these files.
    const existing = await unfiledAssignment(tx, student.id, teacherId);
    const assignmentId = existing?.id ?? newId();
    const values = {
      started_on: handoverDate,
      file_id: fileId,
      handed_over_at: at(handoverDay),
      first_lesson_on: firstLessonOn,
      first_lesson_recorded_by: firstLessonOn ? 'teacher' : null,
      could_not_reach_at: null,
      updated_at: at(lastChange),
    };
    if (existing) await updateAssignment(tx, existing.id, values);
    else
      await insertAssignment(tx, {
        id: assignmentId,
        student_id: student.id,
        teacher_id: teacherId,
        family_id: familyId,
        ended_on: null,
        end_reason: null,
        created_at: at(handoverDay),
        version: 1,
        ...values,
      });
    for (let n = 0; n < (spec.lessons ?? 0) && firstLessonOn; n += 1) {
      const date = addDays(firstLessonOn, n * 7);
      if (date > today) break;
      const status = n === 2 ? 'cancelled_by_family' : n === 4 ? 'late' : 'done';
      await insertLesson(tx, {
        id: newId(),
        assignment_id: assignmentId,
        file_id: fileId,
        teacher_id: teacherId,
        student_id: student.id,
        family_id: familyId,
        lesson_date: date,
        minutes: plan.lesson_minutes,
        status,
        place: 'home',
        family_response: n % 3 === 0 ? 'confirmed' : null,
        dispute_reason: null,
        recorded_by: 'Démo',
        created_at: at(0),
        updated_at: at(0),
        version: 1,
      });
    }
  }
}
