import { addDays } from '../platform/clock.js';
import {
  announcedCollectionDate,
  firstDebitDate,
  periodsToInvoice,
  target2OnOrAfter,
  type BillingPeriodKind,
} from '../modules/billing/billing-rules.js';
import type { BulkWriter, Cell, SavedIndex } from './bulk-writer.js';

/**
 * The billing history of the bulk seed, as the daily sweeps would have left it on `today`: every period of every
 * billable subscription invoiced on the day the sweep would have issued it, with chronological gap-free numbers
 * per year (and the counters left where the app continues); the finished periods paid by transfer; the current
 * period open — with a SEPA instalment pre-notified when the family has an active mandate, so that the next
 * collection batch gathers it. Families with a mandate but no subscription owe the season's membership fee, also
 * pre-notified, so that a batch holds about one debit per mandate (the bench's `sepa`). Rows go in bare like the
 * rest of the bulk seed (no audit trail for the history), only when no invoice exists yet.
 */
export type BulkBillingOptions = { today: string; now: string; nextId: () => string; gaps: string[] };
export type BulkBillingResult = { invoices: number; open: number; prenotified: number };

const CHUNK = 5_000;
/** The membership fee of a family that has a mandate and no subscription (cents). */
const MEMBERSHIP_CENTS = [3_000, 3_500, 4_000, 4_500, 5_000];

type Sub = {
  id: string;
  family_id: string;
  status: string;
  billable_from: string;
  first_debit_by: string | null;
  ended_on: string | null;
  plan_name: string;
  price_cents: number;
  billing_period: string;
  first_name: string;
};
type Family = {
  id: string;
  name: string;
  billing_line1: string | null;
  billing_line2: string | null;
  billing_postal_code: string | null;
  billing_city: string | null;
  billing_country: string | null;
  locale: string;
};

const INVOICE_COLUMNS = [
  'id',
  'number',
  'kind',
  'family_id',
  'subscription_id',
  'credited_invoice_id',
  'period_start',
  'period_end',
  'period_key',
  'issued_on',
  'description',
  'amount_cents',
  'status',
  'billed_name',
  'billed_address',
  'locale',
  'created_by',
  'created_at',
  'updated_at',
  'version',
];
const INSTALMENT_COLUMNS = [
  'id',
  'invoice_id',
  'seq',
  'due_on',
  'amount_cents',
  'method',
  'status',
  'prenotified_at',
  'prenotified_due_on',
  'deferral_id',
  'created_at',
  'updated_at',
  'version',
];
const PAYMENT_COLUMNS = [
  'id',
  'family_id',
  'invoice_id',
  'instalment_id',
  'debit_id',
  'method',
  'amount_cents',
  'received_on',
  'cash_on',
  'reference',
  'note',
  'created_by',
  'created_at',
];
const LOADED_TABLES = ['invoices', 'invoice_instalments', 'payments'];

async function setting<T>(w: BulkWriter, key: string, fallback: T): Promise<T> {
  const rows = await w.all<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key]);
  return rows[0] ? (JSON.parse(rows[0].value) as T) : fallback;
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

/** One invoice to write: what the sweep (or accounts, for a fee) would have issued, and how it stands today. */
type Issued = {
  family: Family;
  sub: Sub | null;
  periodStart: string | null;
  periodEnd: string | null;
  issuedOn: string;
  dueOn: string;
  amountCents: number;
  description: string;
  open: boolean;
};

export async function seedBilling(w: BulkWriter, options: BulkBillingOptions): Promise<BulkBillingResult | null> {
  const { today, now, nextId, gaps } = options;
  const existing = await w.all<{ n: number }>('SELECT count(*) AS n FROM invoices').catch(() => null);
  if (!existing) {
    gaps.push('billing: no invoices table (billing migration 0300 absent); no billing history seeded');
    return null;
  }
  if (Number(existing[0]?.n ?? 0) > 0) {
    gaps.push('billing: invoices already exist; no billing history seeded');
    return null;
  }
  const firstDebitDays = await setting(w, 'agency.firstDebitDays', 9);
  const issueDaysAhead = await setting(w, 'billing.issueDaysAhead', 20);
  const noticeDays = await setting(w, 'billing.preNotificationDays', 14);
  const prefix = await setting(w, 'billing.invoicePrefix', 'F');
  // The batches need a creditor; the mandates of the bulk seed name this identifier (FR72ZZZ123456).
  if (!(await w.all('SELECT key FROM settings WHERE key = ?', ['billing.creditor'])).length) {
    const creditor = {
      name: 'Harmonie Bench',
      identifier: 'FR72ZZZ123456',
      iban: 'FR7630001007941234567890185',
      bic: 'BDFEFRPP',
      line1: '12 rue des Lilas',
      postalCode: '75011',
      city: 'Paris',
      country: 'FR',
    };
    await w.all('INSERT INTO settings (key, value, version, updated_at) VALUES (?, ?, 1, ?)', [
      'billing.creditor',
      JSON.stringify(creditor),
      now,
    ]);
  }

  const subs = await w.all<Sub>(
    `SELECT s.id, s.family_id, s.status, s.billable_from, s.first_debit_by, s.ended_on, p.name AS plan_name, p.price_cents, p.billing_period, st.first_name
       FROM subscriptions s JOIN plans p ON p.id = s.plan_id JOIN people st ON st.id = s.student_id
      WHERE s.status <> 'pending' AND s.billable_from IS NOT NULL AND s.billable_from <= ? ORDER BY s.id`,
    [today],
  );
  const familyColumns =
    'f.id, f.name, f.billing_line1, f.billing_line2, f.billing_postal_code, f.billing_city, f.billing_country, f.locale';
  const families = new Map<string, Family>();
  for (const f of await w.all<Family>(
    `SELECT ${familyColumns} FROM families f WHERE f.id IN (SELECT family_id FROM subscriptions WHERE status <> 'pending' AND billable_from IS NOT NULL)`,
  ))
    families.set(f.id, f);
  const mandated = await w.all<Family>(
    `SELECT ${familyColumns} FROM sepa_mandates m JOIN families f ON f.id = m.family_id WHERE m.status = 'active' ORDER BY f.id`,
  );
  const withMandate = new Set(mandated.map((f) => f.id));
  const subscribed = new Set(subs.map((s) => s.family_id));
  const feeFamilies = mandated.filter((f, i) => !subscribed.has(f.id) && mandated[i - 1]?.id !== f.id);
  /** The next collection batch's date: two days ahead, a TARGET2 business day (as the bench's `sepa` prepares). */
  const nextCollection = target2OnOrAfter(addDays(today, 2));
  const season = Number(today.slice(5, 7)) >= 9 ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;

  /** Every invoice in a stable order; called twice (count the numbers of each day, then write) to keep memory flat. */
  function* invoices(): Generator<Issued> {
    for (const sub of subs) {
      const family = families.get(sub.family_id);
      if (!family) continue;
      const periods = periodsToInvoice(sub, sub.billing_period as BillingPeriodKind, sub.price_cents, today);
      for (const [index, period] of periods.entries()) {
        if (period.amountCents <= 0) continue;
        // The same due date and issue day as the billing sweep: the first debit within N days of the hand-over,
        // later ones on their period's first day; issued as soon as the period starts within `issueDaysAhead`.
        const dueOn =
          index === 0 && sub.billable_from === period.billedStart
            ? firstDebitDate(sub.billable_from, firstDebitDays, sub.first_debit_by)
            : period.billedStart;
        const issuedOn = earlier(later(sub.billable_from, addDays(period.billedStart, -issueDaysAhead)), today);
        yield {
          family,
          sub,
          periodStart: period.billedStart,
          periodEnd: period.billedEnd,
          issuedOn,
          dueOn,
          amountCents: period.amountCents,
          description: `${sub.plan_name} — ${sub.first_name} (${period.billedStart} → ${period.billedEnd})`,
          open: period.billedEnd >= today,
        };
      }
    }
    for (const [n, family] of feeFamilies.entries()) {
      yield {
        family,
        sub: null,
        periodStart: null,
        periodEnd: null,
        issuedOn: addDays(today, -issueDaysAhead),
        dueOn: today,
        amountCents: MEMBERSHIP_CENTS[n % MEMBERSHIP_CENTS.length] ?? 3_000,
        description: `Adhésion ${season}-${season + 1}`,
        open: true,
      };
    }
  }

  // Chronological numbering: the invoices of each issue day take the next block of their year's series.
  const perDay = new Map<string, number>();
  for (const inv of invoices()) perDay.set(inv.issuedOn, (perDay.get(inv.issuedOn) ?? 0) + 1);
  const nextNumber = new Map<string, number>();
  const lastOfYear = new Map<number, number>();
  for (const day of [...perDay.keys()].sort()) {
    const year = Number(day.slice(0, 4));
    const last = lastOfYear.get(year) ?? 0;
    nextNumber.set(day, last + 1);
    lastOfYear.set(year, last + (perDay.get(day) ?? 0));
  }

  const saved: SavedIndex[] = await w.secondaryIndexes(LOADED_TABLES);
  for (const index of saved) await w.exec(`DROP INDEX ${w.engine === 'sqlite' ? `"${index.name}"` : index.name}`);
  const result: BulkBillingResult = { invoices: 0, open: 0, prenotified: 0 };
  let rows: Cell[][] = [];
  let instalments: Cell[][] = [];
  let payments: Cell[][] = [];
  const flush = async () => {
    await w.begin();
    await w.insert('invoices', INVOICE_COLUMNS, rows);
    await w.insert('invoice_instalments', INSTALMENT_COLUMNS, instalments);
    await w.insert('payments', PAYMENT_COLUMNS, payments);
    await w.commit();
    rows = [];
    instalments = [];
    payments = [];
  };
  const addresses = new Map<string, string | null>();
  for (const inv of invoices()) {
    const { family } = inv;
    const value = nextNumber.get(inv.issuedOn) ?? 0;
    nextNumber.set(inv.issuedOn, value + 1);
    const number = `${prefix}${inv.issuedOn.slice(0, 4)}-${String(value).padStart(6, '0')}`;
    let address = addresses.get(family.id);
    if (address === undefined) {
      address = family.billing_line1
        ? JSON.stringify({
            line1: family.billing_line1,
            line2: family.billing_line2,
            postalCode: family.billing_postal_code,
            city: family.billing_city,
            country: family.billing_country ?? 'FR',
          })
        : null;
      addresses.set(family.id, address);
    }
    const invoiceId = nextId();
    const instalmentId = nextId();
    const stamp = `${inv.issuedOn}T08:00:00.000Z`;
    rows.push([
      invoiceId,
      number,
      'invoice',
      family.id,
      inv.sub?.id ?? null,
      null,
      inv.periodStart,
      inv.periodEnd,
      inv.sub ? `${inv.sub.id}:${inv.periodStart}` : null,
      inv.issuedOn,
      inv.description,
      inv.amountCents,
      inv.open ? 'open' : 'paid',
      family.name,
      address,
      family.locale,
      null,
      stamp,
      stamp,
      1,
    ]);
    if (inv.open) {
      result.open += 1;
      if (withMandate.has(family.id)) {
        // Pre-notified when the sweep first saw it within the notice period (plus a week), as preNotifyDue does.
        const sentOn = earlier(later(inv.issuedOn, addDays(inv.dueOn, -(noticeDays + 7))), today);
        // The notice announces the real collection date: the next batch's (the bench's `sepa` date) for what is due
        // by then, else its own due date; never sooner than the delay, always a TARGET2 business day. A batch on
        // the date the notice gave collects it without a second notice.
        const announcedOn = announcedCollectionDate(later(inv.dueOn, nextCollection), sentOn, noticeDays);
        instalments.push([
          instalmentId,
          invoiceId,
          1,
          inv.dueOn,
          inv.amountCents,
          'sepa',
          'due',
          `${sentOn}T08:00:00.000Z`,
          announcedOn,
          null,
          stamp,
          `${sentOn}T08:00:00.000Z`,
          2,
        ]);
        result.prenotified += 1;
      } else {
        instalments.push([
          instalmentId,
          invoiceId,
          1,
          inv.dueOn,
          inv.amountCents,
          'transfer',
          'due',
          null,
          null,
          null,
          stamp,
          stamp,
          1,
        ]);
      }
    } else {
      const paidOn = earlier(inv.dueOn, today);
      instalments.push([
        instalmentId,
        invoiceId,
        1,
        inv.dueOn,
        inv.amountCents,
        'transfer',
        'paid',
        null,
        null,
        null,
        stamp,
        `${paidOn}T08:00:00.000Z`,
        2,
      ]);
      payments.push([
        nextId(),
        family.id,
        invoiceId,
        instalmentId,
        null,
        'transfer',
        inv.amountCents,
        paidOn,
        null,
        `VIR ${number}`,
        null,
        null,
        `${paidOn}T08:00:00.000Z`,
      ]);
    }
    result.invoices += 1;
    if (rows.length >= CHUNK) await flush();
  }
  if (rows.length) await flush();
  for (const index of saved) await w.exec(index.sql);
  // The counters continue after the seeded numbers: the next invoice of each year takes last_value + 1.
  for (const [year, last] of lastOfYear) {
    await w.all(
      'INSERT INTO billing_counters (series, year, last_value) VALUES (?, ?, ?) ON CONFLICT (series, year) DO UPDATE SET last_value = excluded.last_value',
      [prefix, year, last],
    );
  }
  return result;
}
