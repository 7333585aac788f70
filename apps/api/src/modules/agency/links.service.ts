import type { Tx } from '../../db/database.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/access.js';
import { DomainError, forbidden } from '../../platform/errors.js';
import { hashSecret, newId, newSecret } from '../../platform/ids.js';
import { PersonalLink } from '../../platform/mail-templates.js';
import { LINK_VALIDITY_DAYS } from './agency.settings.js';
import { findFile, type FileRow } from './files.repository.js';
import { contactLocale, familyLocale, familyRecipient } from './handover.rules.js';
import {
  assignmentById,
  familyNameAndLocale,
  familyPeople,
  insertAccessLink,
  linkAssignmentView,
  linkByTokenHash,
  personById,
  personName,
  spendLink,
  studentFirstName,
  userLocale,
} from './links.repository.js';
import type { FirstLessonAnswer, LessonsService } from './lessons/lessons.service.js';

const invalid = () => new DomainError('TOKEN_INVALID');

/** A signed single-use link for one person on one file; only the hash is stored, the secret goes in the e-mail. */
export async function createAccessLink(
  deps: Pick<Deps, 'clock' | 'config'>,
  tx: Tx,
  input: { fileId: string; assignmentId: string; personId: string; audience: 'family' | 'teacher' },
): Promise<PersonalLink> {
  const secret = newSecret();
  const days = await LINK_VALIDITY_DAYS.read(tx);
  const now = deps.clock.now();
  await insertAccessLink(tx, {
    id: newId(),
    token_hash: hashSecret(secret),
    purpose: 'first-lesson',
    file_id: input.fileId,
    assignment_id: input.assignmentId,
    person_id: input.personId,
    audience: input.audience,
    expires_at: new Date(now.getTime() + days * 86_400_000).toISOString(),
    used_at: null,
    created_at: now.toISOString(),
  });
  return new PersonalLink(`${deps.config.publicUrl}/l/${secret}`);
}

/** Who to write to on the family side of a file (`familyRecipient`), with the family and its language. */
export async function familyContact(tx: Tx, file: FileRow) {
  const people = await familyPeople(tx, file.family_id);
  const family = await familyNameAndLocale(tx, file.family_id);
  const student = people.find((p) => p.id === file.student_id);
  const main = familyRecipient(people, file.student_id);
  return { family, main, student, locale: familyLocale(family.locale) };
}

/** The teacher to write to, in their account's language (else the family's). */
export async function teacherContact(tx: Tx, teacherId: string, fallbackLocale: 'fr' | 'en') {
  const person = await personById(tx, teacherId);
  const user = person.user_id ? await userLocale(tx, person.user_id) : undefined;
  return { person, locale: contactLocale(user?.locale, fallbackLocale) };
}

/**
 * Signed single-use links from the hand-over and reminder e-mails: the token (random, stored hashed) is scoped
 * to one file and one person, expires, and is spent by its first answer. A logged-in user who is not that
 * person (another family, another teacher) cannot use it.
 */
export function createLinksService(deps: Deps, lessons: LessonsService) {
  const { db, clock } = deps;

  async function load(token: string, actor: Actor) {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw invalid();
    const link = await linkByTokenHash(db, hashSecret(token));
    if (!link || link.expires_at <= clock.now().toISOString()) throw invalid();
    if (actor.kind === 'user' && actor.personId !== link.person_id && !can(actor, 'agency.followup')) throw forbidden();
    return link;
  }

  return {
    async view(actor: Actor, token: string) {
      const link = await load(token, actor);
      const file = await findFile(db, link.file_id);
      if (!file) throw invalid();
      const assignment = link.assignment_id ? await linkAssignmentView(db, link.assignment_id) : undefined;
      const student = await studentFirstName(db, file.student_id);
      const family = await familyNameAndLocale(db, file.family_id);
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
        if (!(await spendLink(tx, link.id, clock.now().toISOString()))) throw new DomainError('LINK_USED');
        const file = await findFile(tx, link.file_id);
        const assignment = link.assignment_id ? await assignmentById(tx, link.assignment_id) : undefined;
        if (!file || !assignment || assignment.ended_on) throw invalid();
        const person = await personName(tx, link.person_id);
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
