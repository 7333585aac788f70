import type { PackProposal, ReenrolmentPack } from '@contracts';
import { BOLD, REGULAR, render } from '../../platform/pdf.js';
import { describeCourse, euros } from './reenrolment.words.js';

type Locale = 'fr' | 'en';

const WORDS = {
  fr: {
    title: 'Dossier de réinscription',
    student: 'Élève',
    school: 'École',
    deadline: 'Date limite prioritaire (place gardée jusqu’à cette date incluse)',
    last: 'Saison',
    next: 'Proposition pour la saison',
    none: 'aucun cours équivalent n’ouvre : le secrétariat vous proposera un autre cours',
    held: 'place gardée',
    notHeld: 'pas de place gardée (cours complet)',
    fees: 'Tarifs',
    membership: 'Adhésion',
    course: 'Cours',
    toBeVoted: 'Tarifs à voter par le conseil d’administration.',
    feeUnknown: 'tarif à préciser',
    answer:
      'Répondez dans votre espace famille ou par le lien personnel reçu par e-mail : confirmer, changer ou décliner.',
  },
  en: {
    title: 'Re-enrolment pack',
    student: 'Student',
    school: 'School',
    deadline: 'Priority deadline (seat held until this date included)',
    last: 'Season',
    next: 'Proposal for the season',
    none: 'no equivalent course opens: the secretariat will offer another one',
    held: 'seat held',
    notHeld: 'no seat held (course full)',
    fees: 'Fees',
    membership: 'Membership',
    course: 'Course',
    toBeVoted: 'Fees to be voted by the board.',
    feeUnknown: 'fee to be set',
    answer: 'Answer in your family space or with the personal link sent by e-mail: confirm, change or decline.',
  },
} as const;

/**
 * A pack as a printable PDF: one student's pack only (the caller has checked it is the reader's own), so no other
 * family's data can be in it.
 */
export function reenrolmentPackPdf(pack: ReenrolmentPack, locale: Locale, organisation: string): Promise<Buffer> {
  const w = WORDS[locale];
  const proposal: PackProposal = pack.proposal;
  return render(pack, (doc) => {
    doc.fontSize(14).font(BOLD).text(organisation);
    doc.moveDown().fontSize(16).text(`${w.title} — ${pack.toSeasonName}`);
    doc.moveDown().fontSize(10).font(REGULAR);
    doc.text(`${w.student} : ${pack.studentName}`);
    doc.text(`${w.school} : ${pack.schoolName}`);
    doc.text(`${w.deadline} : ${pack.priorityDeadline}`);
    doc.moveDown().font(BOLD).text(`${w.last} ${pack.fromSeasonName}`).font(REGULAR);
    for (const line of proposal.lines) doc.text(`• ${describeCourse(line.last, locale)}`);
    doc.moveDown().font(BOLD).text(`${w.next} ${pack.toSeasonName}`).font(REGULAR);
    for (const line of proposal.lines) {
      doc.text(
        line.next
          ? `• ${describeCourse(line.next, locale)} — ${line.seatHeld ? w.held : w.notHeld}`
          : `• ${describeCourse(line.last, locale)} : ${w.none}`,
      );
    }
    doc.moveDown().font(BOLD).text(w.fees).font(REGULAR);
    if (!proposal.feesVoted) doc.text(w.toBeVoted);
    else {
      doc.text(`${w.membership} : ${euros(proposal.membershipFeeCents ?? 0, locale)}`);
      for (const line of proposal.lines) {
        if (!line.next) continue;
        const fee = line.feeCents === null ? w.feeUnknown : euros(line.feeCents, locale);
        doc.text(`${w.course} ${describeCourse(line.next, locale)} : ${fee}`);
      }
    }
    doc.moveDown().text(w.answer);
  });
}
