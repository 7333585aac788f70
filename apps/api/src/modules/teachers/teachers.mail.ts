import { defineTemplate, type PersonalLink } from '../../platform/mail-templates.js';

/** E-mails of the teachers' lifecycle, in French and English. */

export const applicationReceivedMail = defineTemplate<{ name: string; organisation: string }>(
  'teachers.application-received',
  {
    fr: (p) => ({
      subject: `Votre candidature à ${p.organisation}`,
      text: `Bonjour ${p.name},\n\nNous avons bien reçu votre candidature. Un membre de l’équipe de suivi pédagogique vous appellera pour un entretien : votre parcours musical, votre approche de l’enseignement, le fonctionnement de ${p.organisation} et ses conditions.`,
    }),
    en: (p) => ({
      subject: `Your application to ${p.organisation}`,
      text: `Hello ${p.name},\n\nWe have received your application. A member of the pedagogical follow-up team will call you for an interview: your musical background, your teaching approach, how ${p.organisation} works and its conditions.`,
    }),
  },
);

type StatusParams = {
  name: string;
  status: 'active' | 'suspended' | 'excluded';
  reasonCode: 'meetings' | 'manual' | null;
  reason: string | null;
  until: string | null;
};

function statusText(p: StatusParams, fr: boolean): string {
  if (p.status === 'active') {
    return fr
      ? `Bonjour ${p.name},\n\nVotre suspension est levée : de nouveaux élèves peuvent à nouveau vous être proposés. Merci !`
      : `Hello ${p.name},\n\nYour suspension is lifted: new students can be proposed to you again. Thank you!`;
  }
  if (p.status === 'excluded') {
    return fr
      ? `Bonjour ${p.name},\n\nAprès une décision collégiale de l’équipe, votre collaboration avec nous prend fin. Motif : ${p.reason ?? '—'}\n\nL’équipe de suivi reprend contact avec vos élèves.`
      : `Hello ${p.name},\n\nFollowing a group decision of the team, our collaboration ends. Reason: ${p.reason ?? '—'}\n\nThe follow-up team is contacting your students.`;
  }
  if (p.reasonCode === 'meetings') {
    return fr
      ? `Bonjour ${p.name},\n\nVous avez été invité(e) à plusieurs rencontres pédagogiques sans pouvoir y participer. Chaque professeur doit assister au moins à une rencontre : en attendant, aucun nouvel élève ne vous sera proposé. Vos cours en cours continuent normalement.\n\nLa suspension sera levée automatiquement dès votre présence à une prochaine rencontre (voir vos invitations dans votre espace professeur).`
      : `Hello ${p.name},\n\nYou have been invited to several pedagogical meetings without attending. Every teacher must attend at least one meeting: until then, no new students will be proposed to you. Your current lessons continue as usual.\n\nThe suspension lifts by itself as soon as you attend a meeting (see your invitations in your teacher space).`;
  }
  const until = p.until ? (fr ? ` jusqu’au ${p.until}` : ` until ${p.until}`) : '';
  return fr
    ? `Bonjour ${p.name},\n\nVotre compte professeur est suspendu temporairement${until} : aucun nouvel élève ne vous sera proposé pendant cette période. Vos cours en cours continuent.\n\nMotif : ${p.reason ?? '—'}`
    : `Hello ${p.name},\n\nYour teacher account is temporarily suspended${until}: no new students will be proposed to you meanwhile. Your current lessons continue.\n\nReason: ${p.reason ?? '—'}`;
}

export const teacherStatusMail = defineTemplate<StatusParams>('teachers.status-changed', {
  fr: (p) => ({
    subject:
      p.status === 'active'
        ? 'Votre suspension est levée'
        : p.status === 'excluded'
          ? 'Fin de notre collaboration'
          : 'Suspension temporaire de votre compte professeur',
    text: statusText(p, true),
  }),
  en: (p) => ({
    subject:
      p.status === 'active'
        ? 'Your suspension is lifted'
        : p.status === 'excluded'
          ? 'The end of our collaboration'
          : 'Your teacher account is temporarily suspended',
    text: statusText(p, false),
  }),
});

type MeetingParams = {
  name: string;
  subject: string;
  when: string;
  place: string | null;
  videoUrl: string | null;
  facilitator: string;
  link: PersonalLink;
};
const where = (p: MeetingParams, fr: boolean) =>
  [
    p.place ? `${fr ? 'Lieu' : 'Place'} : ${p.place}` : null,
    p.videoUrl ? `${fr ? 'Visioconférence' : 'Video link'} : ${p.videoUrl}` : null,
  ]
    .filter(Boolean)
    .join('\n');

export const meetingInvitationMail = defineTemplate<MeetingParams>('teachers.meeting-invitation', {
  fr: (p) => ({
    subject: `Rencontre pédagogique : ${p.subject}`,
    text: `Bonjour ${p.name},\n\nVous êtes invité(e) à une rencontre pédagogique animée par ${p.facilitator}.\n\nSujet : ${p.subject}\nDate : ${p.when}\n${where(p, true)}\n\nMerci d’indiquer si vous serez présent(e) en suivant ce lien (sans connexion, utilisable une fois) :\n\n${p.link}\n\nVous pouvez aussi répondre depuis votre espace professeur.`,
  }),
  en: (p) => ({
    subject: `Pedagogical meeting: ${p.subject}`,
    text: `Hello ${p.name},\n\nYou are invited to a pedagogical meeting led by ${p.facilitator}.\n\nSubject: ${p.subject}\nDate: ${p.when}\n${where(p, false)}\n\nPlease tell us whether you will attend with this link (no login needed, single use):\n\n${p.link}\n\nYou can also answer from your teacher space.`,
  }),
});
