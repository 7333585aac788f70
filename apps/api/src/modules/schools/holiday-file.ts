/**
 * Reading the official school calendar (the Education nationale's open data) as an admin uploads it: the CSV of
 * data.education.gouv.fr ("fr-en-calendrier-scolaire", `;`-separated, one row per period × académie) or an ICS
 * feed of one zone. Parsing is the libraries' job (csv-parse, ical.js); what a row means is calendar.rules.ts's.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { addDays } from '../../platform/clock.js';
import { DomainError } from '../../platform/errors.js';
import { schoolHolidaysFromOfficialRows, type SchoolHoliday } from './calendar.rules.js';

const unreadable = () =>
  new DomainError('HOLIDAY_FILE_UNREADABLE', { fields: [{ field: 'content', code: 'HOLIDAY_FILE_UNREADABLE' }] });

/** The CSV's rows as records keyed by its header (`;` or `,` separated, with or without a BOM). */
function csvRows(content: string): Record<string, string>[] {
  const firstLine = content.slice(0, content.indexOf('\n') >>> 0);
  const delimiter = firstLine.split(';').length >= firstLine.split(',').length ? ';' : ',';
  try {
    return parseCsv(content, { delimiter, columns: true, bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch {
    throw unreadable();
  }
}

/**
 * The holidays of an ICS feed: each event's DTSTART is the last day of classes and DTEND the day they resume, as
 * the ministry's per-zone feeds write them (an all-day event's DTEND is exclusive, the resumption day itself).
 */
function icsHolidays(content: string, zone: string): SchoolHoliday[] {
  try {
    return new ICAL.Component(ICAL.parse(content)).getAllSubcomponents('vevent').flatMap((component) => {
      const holiday = icsHoliday(component, zone);
      return holiday ? [holiday] : [];
    });
  } catch {
    throw unreadable();
  }
}

function icsHoliday(component: ICAL.Component, zone: string): SchoolHoliday | null {
  const event = new ICAL.Event(component);
  if (!event.startDate) return null;
  const summary = event.summary ?? '';
  // A feed of several zones names each event's zone ("Vacances d'Hiver - Zone C"): keep the asked zone's.
  const named = /zones?\s+([A-C]|Corse)\b/i.exec(summary);
  if (named && named[1]!.toLowerCase() !== zone.toLowerCase()) return null;
  const lastClassDay = dayOf(event.startDate);
  const end = event.endDate ? dayOf(event.endDate) : lastClassDay;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(lastClassDay) || !/^\d{4}-\d{2}-\d{2}$/.test(end)) return null;
  return {
    label: summary.replace(/\s+-\s+zones?\s+.*$/i, '').trim() || 'Vacances scolaires',
    lastClassDay,
    resumeOn: end > lastClassDay ? end : addDays(lastClassDay, 1),
  };
}

/** The calendar date of an ICS time as written (a DATE value, or a DATE-TIME read in its own zone). */
function dayOf(time: ICAL.Time): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${time.year}-${pad(time.month)}-${pad(time.day)}`;
}

/** The school holidays of a zone that meet a season, from an uploaded official calendar file. */
export function holidaysFromFile(
  format: 'csv' | 'ics',
  content: string,
  zone: string,
  season: { start: string; end: string },
): SchoolHoliday[] {
  const all =
    format === 'csv'
      ? (() => {
          const rows = csvRows(content);
          if (rows.length === 0 || !('Zones' in rows[0]! || 'zones' in rows[0]!)) throw unreadable();
          return schoolHolidaysFromOfficialRows(rows, zone);
        })()
      : icsHolidays(content, zone);
  return all
    .filter((h) => h.resumeOn > season.start && h.lastClassDay < season.end)
    .map((h) => ({ ...h, label: cleanLabel(h.label) }));
}

/** A label from someone else's file, made safe to store and show: no control characters, NFC, one line, 120 chars. */
function cleanLabel(label: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const clean = label.replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, ' ').normalize('NFC');
  return clean.replace(/\s+/g, ' ').trim().slice(0, 120) || 'Vacances scolaires';
}
