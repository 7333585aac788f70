import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { TestClock } from '../apps/api/src/platform/clock.js';
import { newId } from '../apps/api/src/platform/ids.js';
import { TEST_PASSWORD } from '../apps/api/src/testing/harness.js';
import { attendanceSchool, placedFamily } from '../apps/api/src/modules/schools/attendance.test-support.js';
import { startServer, type E2EServer } from './support/server.js';
import { expectAccessible, launchBrowser, loginThroughUi, newPage } from './support/browser.js';

let server: E2EServer;
let browser: Browser;
beforeAll(async () => {
  // Friday 15 November 2030: the course's Wednesdays 6 and 13 November are held.
  server = await startServer({ demo: false, clock: new TestClock('2030-11-15T10:00:00.000Z') });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Alma was marked absent at both lessons of November (written as the teacher's sheet writes them). */
async function absentTwice(courseId: string, teacherId: string, studentId: string) {
  const db = server.deps.db;
  const place = await db
    .selectFrom('course_enrolments')
    .select('id')
    .where('student_id', '=', studentId)
    .executeTakeFirstOrThrow();
  const at = server.deps.clock.now().toISOString();
  for (const date of ['2030-11-06', '2030-11-13']) {
    const lessonId = newId();
    await db
      .insertInto('attendance_lessons')
      .values({
        id: lessonId,
        course_id: courseId,
        lesson_date: date,
        start_time: '17:00',
        duration_minutes: 60,
        distance: 0,
        teacher_id: teacherId,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db
      .insertInto('attendance_marks')
      .values({
        lesson_id: lessonId,
        student_id: studentId,
        enrolment_id: place.id,
        mark: 'absent',
        marked_by: null,
        marked_at: at,
      })
      .execute();
  }
}

describe('missing students and absence notices in the browser', () => {
  it('lets the secretariat log a call to a missing student’s family, and a family choose its notices', async () => {
    const school = await attendanceSchool(server.deps, 2030);
    const alma = await placedFamily(server.deps, school.courseId, 'confirmed', null, 'Alma');
    await absentTwice(school.courseId, school.teacherId, alma.studentId);

    const office = await newPage(browser);
    await loginThroughUi(office, server.url, school.secretary.email, TEST_PASSWORD);
    await office.goto(`${server.url}/office/missing-students?since=2030-11-01`);
    await office.getByRole('heading', { level: 1, name: 'Élèves absents ou sans présence' }).waitFor();
    await office.getByText('2 absence(s) · aucune présence notée').waitFor();
    await office.getByRole('button', { name: 'Noter un appel — Alma Dupont' }).click();
    await office.getByLabel('Compte rendu de l’appel').fill('Message laissé au père');
    await expectAccessible(office, 'the missing students, a call being logged');
    await office.getByRole('button', { name: 'Enregistrer l’appel' }).click();
    await office.getByText(/Dernier appel le .*: Message laissé au père/).waitFor();
    await office.context().close();

    const family = await newPage(browser, { mobile: true });
    await loginThroughUi(family, server.url, alma.guardianEmail, TEST_PASSWORD);
    await family.goto(`${server.url}/family/absence-notices`);
    await family.getByRole('heading', { level: 1, name: 'Avis d’absence' }).waitFor();
    await family.getByLabel('Par un récapitulatif chaque semaine').check();
    await expectAccessible(family, 'the family’s absence notices');
    await family.getByRole('button', { name: 'Enregistrer' }).click();
    await family.getByText('Préférence enregistrée.').waitFor();
    const saved = await server.deps.db
      .selectFrom('families')
      .select('absence_notices')
      .where('id', '=', alma.familyId)
      .executeTakeFirstOrThrow();
    expect(saved.absence_notices).toBe('weekly');
    await family.context().close();
  });
});
