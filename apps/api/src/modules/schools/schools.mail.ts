import { defineTemplate } from '../../platform/mail-templates.js';

/** A change of a course its teacher (and, from enrolments on, its families) is told about. */
export type CourseChange =
  | { kind: 'distance'; start: string; end: string; reason: string; videoLink: string }
  | { kind: 'distance-cancelled'; start: string; end: string }
  | { kind: 'suspended'; reason: string }
  | { kind: 'resumed' };

type CourseChangeParams = { name: string; course: string; change: CourseChange };

const frDate = (iso: string) => iso.split('-').reverse().join('/');

export const courseChangeMail = defineTemplate<CourseChangeParams>('schools.course-change', {
  fr: ({ name, course, change }) => {
    const hello = name ? `Bonjour ${name},` : 'Bonjour,';
    if (change.kind === 'distance')
      return {
        subject: `Cours à distance du ${frDate(change.start)} au ${frDate(change.end)} — ${course}`,
        text: `${hello}\n\nDu ${frDate(change.start)} au ${frDate(change.end)}, le cours « ${course} » a lieu à distance (${change.reason}).\n\nLien de la visioconférence : ${change.videoLink}`,
      };
    if (change.kind === 'distance-cancelled')
      return {
        subject: `Cours de nouveau en salle du ${frDate(change.start)} au ${frDate(change.end)} — ${course}`,
        text: `${hello}\n\nLa période à distance du ${frDate(change.start)} au ${frDate(change.end)} est annulée : le cours « ${course} » a lieu dans sa salle habituelle, à son horaire habituel.`,
      };
    if (change.kind === 'suspended')
      return {
        subject: `Cours suspendu — ${course}`,
        text: `${hello}\n\nLe cours « ${course} » est suspendu jusqu’à nouvel ordre (${change.reason}). Nous vous dirons quand il reprend.`,
      };
    return {
      subject: `Reprise du cours — ${course}`,
      text: `${hello}\n\nLe cours « ${course} » reprend à son horaire habituel.`,
    };
  },
  en: ({ name, course, change }) => {
    const hello = name ? `Hello ${name},` : 'Hello,';
    if (change.kind === 'distance')
      return {
        subject: `Distance lessons from ${change.start} to ${change.end} — ${course}`,
        text: `${hello}\n\nFrom ${change.start} to ${change.end}, the course "${course}" is held at distance (${change.reason}).\n\nVideo link: ${change.videoLink}`,
      };
    if (change.kind === 'distance-cancelled')
      return {
        subject: `Back in the room from ${change.start} to ${change.end} — ${course}`,
        text: `${hello}\n\nThe distance period from ${change.start} to ${change.end} is cancelled: the course "${course}" is held in its usual room at its usual time.`,
      };
    if (change.kind === 'suspended')
      return {
        subject: `Course suspended — ${course}`,
        text: `${hello}\n\nThe course "${course}" is suspended until further notice (${change.reason}). We will tell you when it resumes.`,
      };
    return {
      subject: `Course resumes — ${course}`,
      text: `${hello}\n\nThe course "${course}" resumes at its usual time.`,
    };
  },
});
