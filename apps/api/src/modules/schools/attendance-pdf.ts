import type { AttendanceMark, AttendanceSheet } from '@contracts';
import type { z } from 'zod';
import { BOLD, REGULAR, render } from '../../platform/pdf.js';

type Locale = 'fr' | 'en';

const WORDS = {
  fr: {
    title: 'Feuille de présence',
    teacher: 'Professeur',
    school: 'École',
    period: 'Période',
    student: 'Élève',
    distance: 'à distance',
    none: 'Aucun cours dans la période.',
    legend: 'P présent · A absent · E excusé · R en retard · AP annulé par le professeur · AE annulé par l’école',
    marks: {
      present: 'P',
      absent: 'A',
      excused: 'E',
      late: 'R',
      cancelled_by_teacher: 'AP',
      cancelled_by_school: 'AE',
    },
  },
  en: {
    title: 'Attendance sheet',
    teacher: 'Teacher',
    school: 'School',
    period: 'Period',
    student: 'Student',
    distance: 'at distance',
    none: 'No lesson in the period.',
    legend: 'P present · A absent · E excused · L late · CT cancelled by the teacher · CS cancelled by the school',
    marks: {
      present: 'P',
      absent: 'A',
      excused: 'E',
      late: 'L',
      cancelled_by_teacher: 'CT',
      cancelled_by_school: 'CS',
    },
  },
} as const satisfies Record<Locale, { marks: Record<AttendanceMark, string> } & Record<string, unknown>>;

/**
 * One course's sheet for a period as a printable PDF: a row per student, a column per lesson, its marks (blank to
 * fill by hand). The caller has checked the reader may open this sheet.
 */
export function attendanceSheetPdf(
  sheet: z.infer<typeof AttendanceSheet>,
  locale: Locale,
  organisation: string,
): Promise<Buffer> {
  const w = WORDS[locale];
  return render(sheet, (doc) => {
    doc.fontSize(14).font(BOLD).text(organisation);
    doc.moveDown().fontSize(16).text(`${w.title} — ${sheet.course}`);
    doc.moveDown().fontSize(10).font(REGULAR);
    doc.text(`${w.school} : ${sheet.schoolName}`);
    doc.text(`${w.teacher} : ${sheet.teacherName}`);
    doc.text(`${w.period} : ${sheet.periodStart} → ${sheet.periodEnd}`);
    doc.moveDown();
    if (sheet.sheetLessons.length === 0) {
      doc.text(w.none);
      return;
    }
    const left = doc.page.margins.left;
    const nameWidth = 170;
    const column = Math.min(
      60,
      (doc.page.width - left - doc.page.margins.right - nameWidth) / sheet.sheetLessons.length,
    );
    const row = (cells: string[], bold = false) => {
      const y = doc.y;
      doc.font(bold ? BOLD : REGULAR);
      doc.text(cells[0] ?? '', left, y, { width: nameWidth, lineBreak: false, ellipsis: true });
      cells.slice(1).forEach((cell, i) => {
        doc.text(cell, left + nameWidth + i * column, y, { width: column, align: 'center', lineBreak: false });
      });
      doc.x = left;
      doc.y = y + 16;
    };
    row(
      [w.student, ...sheet.sheetLessons.map((l) => `${l.date.slice(8)}/${l.date.slice(5, 7)}${l.distance ? '*' : ''}`)],
      true,
    );
    for (const student of sheet.students) {
      row([
        student.name,
        ...sheet.sheetLessons.map((l) => {
          const mark = l.marks[student.id];
          if (mark) return w.marks[mark];
          return l.expected.includes(student.id) ? '☐' : '—';
        }),
      ]);
    }
    doc.moveDown().font(REGULAR).fontSize(8).text(`* ${w.distance}. ${w.legend}`, left);
  });
}
