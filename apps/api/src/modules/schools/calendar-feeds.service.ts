import ICAL from 'ical.js';
import type { z } from 'zod';
import type {
  CalendarFeeds,
  CalendarFeedSubject,
  CreateCalendarFeedBody,
  CreatedCalendarFeed,
  Locale,
} from '@contracts';
import type { Tx } from '../../db/database.js';
import type { Deps } from '../../platform/deps.js';
import { requireUser, type Actor, type UserActor } from '../../platform/actor.js';
import { can, guardianFamilyId, teacherSelf } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { hashSecret, newId, newSecret } from '../../platform/ids.js';
import { organisationToday } from '../../platform/settings.js';
import type { SchoolsService } from './schools.service.js';
import type { SeasonsService } from './seasons.service.js';
import { distancePeriodsOfSeason } from './courses.repository.js';
import { coursesInPeriod, findCourse, placesOf, type SheetCourse } from './attendance.repository.js';
import { expectedOn, lessonsOfPeriod } from './attendance.rules.js';
import { calendarFeedWindow, lessonTimes, meetingInTeacherCalendar } from './calendar-feeds.rules.js';
import * as repo from './calendar-feeds.repository.js';

type Subject = z.infer<typeof CalendarFeedSubject>;
type Feed = NonNullable<Awaited<ReturnType<typeof repo.feedByTokenHash>>>;

const sameSubject = (a: Subject, b: { scope: string; schoolId: string | null }) =>
  a.scope === b.scope && a.schoolId === b.schoolId;

/**
 * Private calendar feeds (issue 18, item 7): each teacher and each family subscribes a calendar app to their lessons
 * (and a teacher's meetings); staff to a school's courses. The URL carries a random token whose hash only is kept:
 * it is shown once, a new one revokes the old, and a feed answers only while its user still has that relation.
 */
export function createCalendarFeedsService(deps: Deps, schools: SchoolsService, seasons: SeasonsService) {
  const { db, clock, config } = deps;

  /** What an account may subscribe to: its own lessons as a teacher or a family, the schools it works for. */
  async function subjectsOf(tx: Tx, actor: UserActor): Promise<Subject[]> {
    const subjects: Subject[] = [];
    if (teacherSelf(actor)) subjects.push({ scope: 'teacher', schoolId: null, schoolName: null });
    if (await guardianFamilyId(tx, actor)) subjects.push({ scope: 'family', schoolId: null, schoolName: null });
    if (can(actor, 'schools.reports')) {
      const all = await tx.selectFrom('schools').select(['id', 'name']).orderBy('name').execute();
      for (const school of all)
        if (await schools.mayChangeSchool(tx, actor, school.id))
          subjects.push({ scope: 'school', schoolId: school.id, schoolName: school.name });
    }
    return subjects;
  }

  async function list(tx: Tx, actor: UserActor): Promise<z.infer<typeof CalendarFeeds>> {
    const rows = await repo.feedsOfUser(tx, actor.userId);
    return {
      feeds: rows.map((r) => ({
        id: r.id,
        scope: r.scope as Subject['scope'],
        schoolId: r.school_id,
        schoolName: r.school_name ?? null,
        createdAt: r.created_at,
        lastReadAt: r.last_read_at,
      })),
      subjects: await subjectsOf(tx, actor),
    };
  }

  /** The account behind a feed, as it is now (roles changed since the feed was made count). */
  function actorOf(feed: Feed): UserActor {
    return {
      kind: 'user',
      userId: feed.user_id,
      displayName: feed.display_name,
      email: feed.email,
      roles: new Set(feed.roles),
      personId: feed.person_id,
      locale: (feed.locale === 'en' ? 'en' : 'fr') as Locale,
    };
  }

  /** Every lesson of some courses in the window, with the students of a family expected at it when asked. */
  async function courseEvents(
    tx: Tx,
    courses: readonly SheetCourse[],
    window: { start: string; end: string },
    familyId: string | null,
  ) {
    const places = familyId
      ? (
          await placesOf(
            tx,
            courses.map((c) => c.id),
          )
        ).filter((p) => p.family_id === familyId)
      : [];
    const events: { uid: string; summary: string; start: string; end: string; location: string; url: string | null }[] =
      [];
    // A school's feed lists all its courses: each calendar and each season's distance periods are read once.
    const calendars = new Map<string, Awaited<ReturnType<typeof seasons.calendarFor>>['calendar']>();
    const seasonDistance = new Map<string, Awaited<ReturnType<typeof distancePeriodsOfSeason>>>();
    for (const course of courses) {
      const calendarKey = `${course.school_id}/${course.season_id}`;
      if (!calendars.has(calendarKey))
        calendars.set(calendarKey, (await seasons.calendarFor(tx, course.school_id, course.season_id)).calendar);
      if (!seasonDistance.has(course.season_id))
        seasonDistance.set(course.season_id, await distancePeriodsOfSeason(tx, course.season_id));
      const calendar = calendars.get(calendarKey)!;
      const distance = seasonDistance
        .get(course.season_id)!
        .filter((p) => p.course_id === course.id)
        .map((p) => ({ start: p.starts_on, end: p.ends_on, videoLink: p.video_link }));
      const lessons = lessonsOfPeriod(
        { weekday: course.weekday, status: course.status, roomId: course.room_id, videoLink: course.video_link },
        calendar,
        { key: 'feed', ...window },
        distance,
      );
      for (const lesson of lessons) {
        const students = familyId
          ? places.filter((p) => p.course_id === course.id && expectedOn(p, lesson.date)).map((p) => p.first_name)
          : [];
        if (familyId && students.length === 0) continue;
        const times = lessonTimes(lesson.date, course.start_time, course.duration_minutes);
        const who = familyId ? ` — ${[...new Set(students)].join(', ')}` : '';
        events.push({
          uid: `course-${course.id}-${lesson.date}`,
          summary: `${course.discipline} — ${course.level}${who}`,
          ...times,
          location: lesson.distance ? `${course.school_name} (à distance)` : course.school_name,
          url: lesson.distance ? (course.video_link ?? null) : null,
        });
      }
    }
    return events;
  }

  /** The feed's calendar: lessons of the courses, first lessons of the agency, a teacher's meetings. */
  async function calendarText(tx: Tx, feed: Feed, actor: UserActor): Promise<string> {
    const today = await organisationToday(tx, clock);
    const window = calendarFeedWindow(today);
    const vcalendar = new ICAL.Component(['vcalendar', [], []]);
    vcalendar.updatePropertyWithValue('prodid', '-//Harmonie//Calendar feed//FR');
    vcalendar.updatePropertyWithValue('version', '2.0');
    vcalendar.updatePropertyWithValue('x-wr-calname', 'Harmonie');
    const stamp = ICAL.Time.fromJSDate(clock.now(), true);
    const add = (uid: string, summary: string, start: ICAL.Time, end: ICAL.Time, extra: Record<string, string>) => {
      const event = new ICAL.Component('vevent');
      event.updatePropertyWithValue('uid', `${uid}@harmonie`);
      event.updatePropertyWithValue('dtstamp', stamp);
      event.updatePropertyWithValue('summary', summary);
      event.updatePropertyWithValue('dtstart', start);
      event.updatePropertyWithValue('dtend', end);
      for (const [key, value] of Object.entries(extra)) event.updatePropertyWithValue(key, value);
      vcalendar.addSubcomponent(event);
    };
    const teacherId = feed.scope === 'teacher' ? teacherSelf(actor) : null;
    const familyId = feed.scope === 'family' ? await guardianFamilyId(tx, actor) : null;
    let courses: SheetCourse[] = [];
    if (teacherId) courses = await coursesInPeriod(tx, window, { teacherId });
    else if (feed.scope === 'school' && feed.school_id)
      courses = await coursesInPeriod(tx, window, { schoolIds: [feed.school_id] });
    else if (familyId)
      for (const id of await repo.familyCourseIds(tx, familyId)) {
        const course = await findCourse(tx, id);
        if (course && course.status === 'active') courses.push(course);
      }
    for (const e of await courseEvents(tx, courses, window, familyId)) {
      const extra: Record<string, string> = { location: e.location };
      if (e.url) extra.url = e.url;
      add(e.uid, e.summary, ICAL.Time.fromDateTimeString(e.start), ICAL.Time.fromDateTimeString(e.end), extra);
    }
    if (teacherId || familyId) {
      const who = teacherId ? { teacherId } : { familyId: familyId! };
      for (const first of await repo.firstLessons(tx, who, window.start, window.end)) {
        const day = first.first_lesson_on!;
        const summary = teacherId
          ? `Premier cours — ${first.student_first_name}`
          : `Premier cours de ${first.student_first_name} avec ${first.teacher_first_name} ${first.teacher_last_name}`;
        const next = ICAL.Time.fromDateString(day);
        next.adjust(1, 0, 0, 0);
        add(`first-lesson-${first.id}`, summary, ICAL.Time.fromDateString(day), next, {});
      }
    }
    if (teacherId) {
      const from = `${window.start}T00:00:00.000Z`;
      const to = `${window.end}T23:59:59.999Z`;
      for (const m of await repo.meetingsOfTeacher(tx, teacherId, from, to)) {
        if (!meetingInTeacherCalendar(m.response)) continue;
        const extra: Record<string, string> = {};
        if (m.place) extra.location = m.place;
        if (m.video_url) extra.url = m.video_url;
        const [start, end] = [new Date(m.starts_at), new Date(m.ends_at)];
        add(`meeting-${m.id}`, m.subject, ICAL.Time.fromJSDate(start, true), ICAL.Time.fromJSDate(end, true), extra);
      }
    }
    return vcalendar.toString();
  }

  return {
    async mine(actor: Actor): Promise<z.infer<typeof CalendarFeeds>> {
      return list(db, requireUser(actor));
    },

    /** A new feed for one subject: revokes the previous one, returns the URL this once; audited without it. */
    async create(
      actor: Actor,
      body: z.infer<typeof CreateCalendarFeedBody>,
    ): Promise<z.infer<typeof CreatedCalendarFeed>> {
      const user = requireUser(actor);
      const wanted = { scope: body.scope, schoolId: body.scope === 'school' ? (body.schoolId ?? null) : null };
      return db.transaction().execute(async (tx) => {
        const subject = (await subjectsOf(tx, user)).find((s) => sameSubject(s, wanted));
        if (!subject) throw invalidField(body.scope === 'school' ? 'schoolId' : 'scope', 'CALENDAR_FEED_NOT_YOURS');
        const at = clock.now().toISOString();
        const replaced = await repo.revokeFeeds(tx, user.userId, at, {
          scope: subject.scope,
          schoolId: subject.schoolId,
        });
        const token = newSecret();
        const id = newId();
        await repo.insertFeed(tx, {
          id,
          user_id: user.userId,
          scope: subject.scope,
          school_id: subject.schoolId,
          token_hash: hashSecret(token),
          created_at: at,
          revoked_at: null,
          last_read_at: null,
        });
        await recordAudit(tx, clock, actor, {
          entityType: 'user',
          entityId: user.userId,
          action: 'calendar-feed-created',
          after: { scope: subject.scope, school: subject.schoolName },
          summary: replaced ? `${subject.scope} (replaces the previous URL)` : subject.scope,
        });
        return { ...subject, id, createdAt: at, lastReadAt: null, url: `${config.publicUrl}/api/feeds/${token}.ics` };
      });
    },

    /** Stops a feed of one's own: its URL answers 404 from now on. */
    async revoke(actor: Actor, feedId: string): Promise<z.infer<typeof CalendarFeeds>> {
      const user = requireUser(actor);
      return db.transaction().execute(async (tx) => {
        const feed = (await repo.feedsOfUser(tx, user.userId)).find((f) => f.id === feedId);
        if (!feed) throw notFound();
        await repo.revokeFeeds(tx, user.userId, clock.now().toISOString(), { id: feedId });
        await recordAudit(tx, clock, actor, {
          entityType: 'user',
          entityId: user.userId,
          action: 'calendar-feed-revoked',
          before: { scope: feed.scope, school: feed.school_name ?? null },
          summary: feed.scope,
        });
        return list(tx, user);
      });
    },

    /**
     * The calendar behind a feed's URL, for a calendar app (no session). A revoked feed, a disabled account, or one
     * that lost the relation (no longer a teacher, no longer working for the school) answers 404, as a wrong token.
     */
    async feed(token: string): Promise<string> {
      const feed = await repo.feedByTokenHash(db, hashSecret(token));
      if (!feed || feed.status !== 'active') throw notFound();
      const actor = actorOf(feed);
      const subjects = await subjectsOf(db, actor);
      if (!subjects.some((s) => sameSubject(s, { scope: feed.scope, schoolId: feed.school_id }))) throw notFound();
      const text = await calendarText(db, feed, actor);
      await repo.markRead(db, feed.id, clock.now().toISOString());
      return text;
    },
  };
}

export type CalendarFeedsService = ReturnType<typeof createCalendarFeedsService>;
