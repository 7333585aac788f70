import { DEMO_DOMAIN, type DemoContext } from '../../platform/demo.js';
import type { TeacherApplicationsTable } from '../../db/tables.js';
import { SYSTEM } from '../../platform/actor.js';
import { hashSecret, newId, newSecret } from '../../platform/ids.js';
import { createStorage } from '../../platform/storage.js';
import { createPeopleService } from '../people/people.service.js';
import { applyMeetingRule } from './meeting-rule.js';
import { replaceProfileRows } from './profile.repository.js';
import { insertApplication } from './applications.repository.js';
import { insertDocument } from './documents.repository.js';
import { insertInvitation, insertMeeting } from './meetings.repository.js';
import { insertSuspension, insertVote } from './suspensions.repository.js';
import { insertDemoIncidents, insertDemoTask, insertDemoTeacher } from './teachers.demo.repository.js';

/** A tiny but valid PDF, so the demo's CVs open in a browser. */
const DEMO_CV = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n4 0 obj<</Length 44>>stream\nBT /F1 24 Tf 72 760 Td (Curriculum vitae) Tj ET\nendstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

type DemoApplication = {
  first: string;
  last: string;
  status: string;
  instrument: string;
  city: string;
  postal: string;
  interview?: boolean;
  reason?: string;
};
const APPLICATIONS: DemoApplication[] = [
  { first: 'Margaux', last: 'Delorme', status: 'new', instrument: 'cello', city: 'Lyon', postal: '69007' },
  { first: 'Yanis', last: 'Belkacem', status: 'new', instrument: 'guitar', city: 'Villeurbanne', postal: '69100' },
  { first: 'Solène', last: 'Vasseur', status: 'called', instrument: 'voice', city: 'Lyon', postal: '69004' },
  {
    first: 'Antoine',
    last: 'Rivière',
    status: 'interview_done',
    instrument: 'piano',
    city: 'Caluire-et-Cuire',
    postal: '69300',
    interview: true,
  },
  {
    first: 'Clara',
    last: 'Nguyen',
    status: 'accepted',
    instrument: 'flute',
    city: 'Lyon',
    postal: '69003',
    interview: true,
  },
  {
    first: 'Hugo',
    last: 'Perrot',
    status: 'declined',
    instrument: 'drums',
    city: 'Vienne',
    postal: '38200',
    interview: true,
    reason: 'Aucune disponibilité en semaine avant juin.',
  },
  {
    first: 'Inès',
    last: 'Marchal',
    status: 'withdrawn',
    instrument: 'violin',
    city: 'Lyon',
    postal: '69008',
    reason: 'A trouvé un poste au conservatoire.',
  },
];

async function demoApplications(ctx: DemoContext): Promise<void> {
  const { tx, deps } = ctx;
  const storage = createStorage(deps.config);
  const people = createPeopleService(deps);
  const now = deps.clock.now();
  let n = 0;
  for (const a of APPLICATIONS) {
    n += 1;
    const created = new Date(now.getTime() - (30 - n * 3) * 86_400_000).toISOString();
    const id = newId();
    const instruments = [{ instrument: a.instrument, levelMin: 1, levelMax: n % 2 ? 3 : 2, ageMin: 6, ageMax: 99 }];
    const row: TeacherApplicationsTable = {
      id,
      status: a.status,
      status_changed_at: created,
      first_name: a.first,
      last_name: a.last,
      email: `${a.first
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z]/g, '')}.${a.last
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z]/g, '')}@${DEMO_DOMAIN}`,
      phone: `+336${String(40_000_000 + n * 1_234_567).slice(0, 8)}`,
      locale: 'fr',
      postal_code: a.postal,
      city: a.city,
      instruments: JSON.stringify(instruments),
      styles: JSON.stringify(n % 2 ? ['classique'] : ['jazz', 'musiques actuelles']),
      zones: JSON.stringify([
        { kind: 'postal_code', code: a.postal },
        { kind: 'department', code: a.postal.slice(0, 2) },
      ]),
      availability: JSON.stringify([
        { weekday: 3, startMinute: 840, endMinute: 1080 },
        { weekday: 6, startMinute: 540, endMinute: 720 },
      ]),
      max_travel_km: 10 + n,
      teaches_at_home: 1,
      teaches_at_school: n % 3 === 0 ? 1 : 0,
      teaches_online: n % 2,
      background: `Formé(e) au conservatoire, ${5 + n} ans de pratique en ensemble.`,
      approach: 'Partir des envies de l’élève, alterner répertoire, technique et improvisation.',
      message: null,
      interview_background: a.interview ? 'Parcours solide, expérience avec les enfants.' : null,
      interview_approach: a.interview ? 'Ludique, exigeante sur la régularité.' : null,
      interview_conditions_explained: a.interview ? 1 : 0,
      interview_notes: a.interview ? 'Disponible le mercredi et le samedi matin.' : null,
      decision_reason: a.reason ?? null,
      teacher_id: null,
      created_at: created,
      updated_at: created,
      version: 1,
    };
    if (a.status === 'accepted') {
      // The onboarded applicant: a teacher of their own, profile copied from the application.
      const person = await people.insertPerson(tx, SYSTEM, {
        kind: 'teacher',
        firstName: a.first,
        lastName: a.last,
        email: row.email,
        phone: row.phone,
      });
      await insertDemoTeacher(tx, {
        person_id: person.id,
        status: 'active',
        bio: null,
        created_at: created,
        updated_at: created,
        version: 1,
        max_travel_km: row.max_travel_km,
        teaches_at_home: 1,
        teaches_at_school: 0,
        teaches_online: 1,
        postal_code: a.postal,
        city: a.city,
        styles: row.styles,
      });
      await replaceProfileRows(tx, person.id, {
        instruments,
        zones: JSON.parse(row.zones) as { kind: string; code: string }[],
        availability: JSON.parse(row.availability) as { weekday: number; startMinute: number; endMinute: number }[],
      });
      row.teacher_id = person.id;
    }
    await insertApplication(tx, row);
    const docId = newId();
    const key = `applications/${docId}`;
    await storage.put(key, DEMO_CV, 'application/pdf');
    await insertDocument(tx, {
      id: docId,
      teacher_id: row.teacher_id,
      application_id: id,
      category: 'cv',
      original_name: `CV ${a.first} ${a.last}.pdf`,
      content_type: 'application/pdf',
      size_bytes: DEMO_CV.length,
      storage_key: key,
      uploaded_by: null,
      created_at: created,
    });
    if (a.status === 'new' || a.status === 'called') {
      await insertDemoTask(tx, {
        id: newId(),
        kind: 'call-applicant',
        service: 'followup',
        title: `Appeler ${a.first} ${a.last} (candidature professeur)`,
        details: null,
        due_on: created.slice(0, 10),
        status: 'open',
        file_id: null,
        family_id: null,
        teacher_id: null,
        school_id: null,
        dedupe_key: `call-applicant:${id}`,
        assignee_user_id: null,
        done_at: null,
        done_by: null,
        outcome: null,
        outcome_kind: null,
        created_at: created,
        updated_at: created,
        version: 1,
      });
    }
  }
}

async function demoMeetings(ctx: DemoContext): Promise<void> {
  const { tx, deps, teacherIds } = ctx;
  const now = deps.clock.now().getTime();
  const day = 86_400_000;
  const at = (offsetDays: number, hour: number) => {
    const d = new Date(now + offsetDays * day);
    d.setUTCHours(hour, 0, 0, 0);
    return d.toISOString();
  };
  const meetings = [
    {
      subject: 'Accueillir un nouvel élève : le premier cours',
      start: at(-90, 17),
      place: 'Salle Rameau, 12 rue Molière, Lyon',
      video: null,
    },
    {
      subject: 'Motiver les adolescents',
      start: at(-60, 17),
      place: null,
      video: 'https://visio.example.org/rencontre-ados',
    },
    {
      subject: 'Le suivi avec les familles',
      start: at(-30, 17),
      place: 'Salle Rameau, 12 rue Molière, Lyon',
      video: null,
    },
    {
      subject: 'Préparer une audition d’élèves',
      start: at(14, 17),
      place: 'Salle Rameau, 12 rue Molière, Lyon',
      video: 'https://visio.example.org/audition',
    },
  ];
  const ids: string[] = [];
  for (const m of meetings) {
    const id = newId();
    ids.push(id);
    const past = m.start < new Date(now).toISOString();
    await insertMeeting(tx, {
      id,
      subject: m.subject,
      starts_at: m.start,
      ends_at: new Date(Date.parse(m.start) + 2 * 3_600_000).toISOString(),
      place: m.place,
      video_url: m.video,
      facilitator: 'Fanny Suivi',
      capacity: 15,
      notes: null,
      attendance_recorded_at: past ? new Date(Date.parse(m.start) + 3 * 3_600_000).toISOString() : null,
      created_at: at(-100, 9),
      updated_at: at(-100, 9),
      version: 1,
    });
  }
  const invite = async (meetingIndex: number, teacherId: string, response: string | null, attended: number | null) => {
    const meeting = meetings[meetingIndex]!;
    await insertInvitation(tx, {
      id: newId(),
      meeting_id: ids[meetingIndex]!,
      teacher_id: teacherId,
      invited_at: new Date(Date.parse(meeting.start) - 20 * day).toISOString(),
      response,
      responded_at: response ? new Date(Date.parse(meeting.start) - 10 * day).toISOString() : null,
      attended,
      token_hash: hashSecret(newSecret()),
      token_used_at: null,
    });
  };
  // The demo teacher (first) and a few others attended; the sixth was invited three times and never came.
  const [t0, t1, t2, t3, t4, t5, t6] = teacherIds;
  if (!t0 || !t1 || !t2 || !t3 || !t4 || !t5 || !t6) return;
  await invite(0, t0, 'yes', 1);
  await invite(0, t1, 'yes', 1);
  await invite(0, t5, null, 0);
  await invite(1, t2, 'yes', 1);
  await invite(1, t3, 'no', 0);
  await invite(1, t5, 'no', 0);
  await invite(2, t3, 'yes', 1);
  await invite(2, t4, 'yes', 0);
  await invite(2, t5, null, 0);
  for (const t of [t0, t4, t5, t6]) await invite(3, t, t === t4 ? 'yes' : null, null);
  await applyMeetingRule(tx, deps, SYSTEM, t5);
}

async function demoIncidentsAndSuspensions(ctx: DemoContext): Promise<void> {
  const { tx, deps, teacherIds, users } = ctx;
  const now = deps.clock.now();
  const iso = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const [, t1, , , , , , t7] = teacherIds;
  if (!t1 || !t7) return;
  await insertDemoIncidents(tx, [
    {
      id: newId(),
      teacher_id: t1,
      kind: 'late_cancellation',
      occurred_on: iso(12).slice(0, 10),
      description: 'Cours annulé une heure avant, pour la deuxième fois ce mois-ci.',
      file_id: null,
      family_id: ctx.familyIds[4] ?? null,
      reporter_kind: 'staff',
      reported_by: users.followup ?? null,
      reporter_name: 'Fanny Suivi',
      created_at: iso(12),
    },
    {
      id: newId(),
      teacher_id: t7,
      kind: 'behaviour',
      occurred_on: iso(20).slice(0, 10),
      description: 'Propos déplacés envers un élève, rapportés par la famille.',
      file_id: null,
      family_id: ctx.familyIds[5] ?? null,
      reporter_kind: 'staff',
      reported_by: users.followup ?? null,
      reporter_name: 'Fanny Suivi',
      created_at: iso(20),
    },
    {
      id: newId(),
      teacher_id: t7,
      kind: 'lateness',
      occurred_on: iso(9).slice(0, 10),
      description: '30 minutes de retard sans prévenir.',
      file_id: null,
      family_id: ctx.familyIds[6] ?? null,
      reporter_kind: 'staff',
      reported_by: users.followup ?? null,
      reporter_name: 'Fanny Suivi',
      created_at: iso(9),
    },
  ]);
  // A definitive exclusion waiting for its second approval.
  const id = newId();
  await insertSuspension(tx, {
    id,
    teacher_id: t7,
    kind: 'definitive',
    status: 'proposed',
    reason_code: 'manual',
    reason: 'Comportement inapproprié signalé par deux familles, malgré un premier entretien.',
    until_date: null,
    until_condition: null,
    proposed_by: users.followup ?? null,
    proposed_by_name: 'Fanny Suivi',
    effective_at: null,
    ended_at: null,
    ended_by_name: null,
    end_reason: null,
    auto_key: null,
    created_at: iso(3),
    updated_at: iso(3),
    version: 1,
  });
  if (users.recruitment) {
    await insertVote(tx, {
      suspension_id: id,
      user_id: users.recruitment,
      voter_name: 'Rachida Recrutement',
      vote: 'approve',
      comment: 'D’accord, après avoir entendu les deux familles.',
      created_at: iso(2),
      updated_at: iso(2),
    });
  }
}

/** The teachers' part of the demo organisation: applications, meetings, incidents and a pending exclusion. */
export async function teachersDemo(ctx: DemoContext): Promise<void> {
  await demoApplications(ctx);
  await demoMeetings(ctx);
  await demoIncidentsAndSuspensions(ctx);
}
