import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/actor.js';
import { DomainError, forbidden } from '../../platform/errors.js';
import { hashSecret } from '../../platform/ids.js';
import { hasRole } from '../../platform/actor.js';
import { findFile } from './agency-core.js';
import type { FirstLessonAnswer, LessonsService } from './lessons.service.js';

const invalid = () => new DomainError('TOKEN_INVALID');

/**
 * Signed single-use links from the hand-over and reminder e-mails: the token (random, stored hashed) is scoped
 * to one file and one person, expires, and is spent by its first answer. A logged-in user who is not that
 * person (another family, another teacher) cannot use it.
 */
export function createLinksService(deps: Deps, lessons: LessonsService) {
  const { db, clock } = deps;

  async function load(token: string, actor: Actor) {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw invalid();
    const link = await db
      .selectFrom('access_links')
      .selectAll()
      .where('token_hash', '=', hashSecret(token))
      .executeTakeFirst();
    if (!link || link.expires_at <= clock.now().toISOString()) throw invalid();
    if (actor.kind === 'user' && actor.personId !== link.person_id && !hasRole(actor, 'followup')) throw forbidden();
    return link;
  }

  return {
    async view(actor: Actor, token: string) {
      const link = await load(token, actor);
      const file = await findFile(db, link.file_id);
      if (!file) throw invalid();
      const assignment = link.assignment_id
        ? await db
            .selectFrom('assignments')
            .innerJoin('people', 'people.id', 'assignments.teacher_id')
            .select(['assignments.first_lesson_on', 'assignments.ended_on', 'people.first_name', 'people.last_name'])
            .where('assignments.id', '=', link.assignment_id)
            .executeTakeFirst()
        : undefined;
      const student = await db
        .selectFrom('people')
        .select(['first_name'])
        .where('id', '=', file.student_id)
        .executeTakeFirstOrThrow();
      const family = await db
        .selectFrom('families')
        .select(['name', 'locale'])
        .where('id', '=', file.family_id)
        .executeTakeFirstOrThrow();
      return {
        purpose: link.purpose,
        audience: link.audience,
        used: link.used_at !== null,
        expiresAt: link.expires_at,
        studentFirstName: student.first_name,
        instrument: file.instrument,
        // Each side sees the name of the other: it is in the e-mail already.
        otherName:
          link.audience === 'family'
            ? assignment
              ? `${assignment.first_name} ${assignment.last_name}`
              : ''
            : family.name,
        firstLessonOn: assignment?.first_lesson_on ?? null,
        locale: family.locale,
      };
    },

    async answer(actor: Actor, token: string, answer: FirstLessonAnswer) {
      const link = await load(token, actor);
      await db.transaction().execute(async (tx) => {
        // Spend the link first: two clicks at once leave exactly one answer.
        const spent = await tx
          .updateTable('access_links')
          .set({ used_at: clock.now().toISOString() })
          .where('id', '=', link.id)
          .where('used_at', 'is', null)
          .executeTakeFirst();
        if (Number(spent.numUpdatedRows) !== 1) throw new DomainError('LINK_USED', { status: 410 });
        const file = await findFile(tx, link.file_id);
        const assignment = link.assignment_id
          ? await tx.selectFrom('assignments').selectAll().where('id', '=', link.assignment_id).executeTakeFirst()
          : undefined;
        if (!file || !assignment || assignment.ended_on) throw invalid();
        const person = await tx
          .selectFrom('people')
          .select(['first_name', 'last_name'])
          .where('id', '=', link.person_id)
          .executeTakeFirstOrThrow();
        const linkActor: Actor =
          actor.kind === 'user'
            ? actor
            : { kind: 'anonymous', label: `${person.first_name} ${person.last_name} (e-mail link)` };
        await lessons.answerFirstLesson(tx, linkActor, file, assignment, answer, `${link.audience} (e-mail link)`);
      });
      return { ok: true };
    },
  };
}
export type LinksService = ReturnType<typeof createLinksService>;
