import type { DemoExtension } from '../../platform/demo.js';
import { SYSTEM } from '../../platform/actor.js';
import { addDays } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { organisationToday, writeSetting } from '../../platform/settings.js';
import { createTask } from '../../platform/tasks.js';
import { createInvoicesService } from './invoices.service.js';
import { createBatchesService } from './batches.service.js';
import { createCertificatesService } from './certificates.service.js';
import {
  firstDebitDate,
  firstInstalmentDueOn,
  invoicePeriodKey,
  periodsToInvoice,
  target2OnOrAfter,
} from './billing-rules.js';
import { insertPayment } from './billing.repository.js';
import { insertMandate } from './mandates.repository.js';
import * as demoRepo from './billing.demo.repository.js';
import { CERTIFICATE_SIGNATORY, CREDITOR, LEGAL_MENTIONS, readBillingSettings } from './billing.settings.js';
import { icsCheckDigits } from './sepa-validation.js';

const DEMO_IBANS = [
  'FR7630006000011234567890189',
  'FR1420041010050500013M02606',
  'FR7630001007941234567890185',
  'DE89370400440532013000',
  'ES9121000418450200051332',
];

/**
 * Billing demo: a creditor identifier and legal mentions, subscriptions billed since their hand-over with home
 * lessons, mandates for most families, issued invoices (past ones paid), one family held for lack of lessons,
 * a tax certificate for the demo family and one prepared collection batch showing included and excluded lines.
 */
export const billingDemo: DemoExtension = async (ctx) => {
  const { tx, deps, random } = ctx;
  const now = deps.clock.now().toISOString();
  await writeSetting(
    tx,
    CREDITOR.key,
    {
      name: 'Musique à la maison',
      identifier: `FR${icsCheckDigits('FR', '654321')}ZZZ654321`,
      iban: 'FR7630001007941234567890185',
      bic: 'BDFEFRPP',
      line1: '12 rue des Lilas',
      postalCode: '75011',
      city: 'Paris',
      country: 'FR',
    },
    now,
  );
  await writeSetting(
    tx,
    LEGAL_MENTIONS.key,
    {
      address: '12 rue des Lilas, 75011 Paris',
      siret: '81234567800017',
      vatMention: 'TVA non applicable, art. 293 B du CGI',
      sapNumber: 'SAP812345678',
      sapDate: '2019-09-02',
    },
    now,
  );
  await writeSetting(
    tx,
    CERTIFICATE_SIGNATORY.key,
    { name: 'Martine Lefort', title: 'directrice', place: 'Paris' },
    now,
  );
  const settings = await readBillingSettings(tx);
  const today = await organisationToday(tx, deps.clock);

  const planId = newId();
  await demoRepo.insertPlan(tx, {
    id: planId,
    name: 'Cours à domicile 45 min (mensuel)',
    lesson_minutes: 45,
    frequency: 'weekly',
    lessons_per_season: 32,
    price_cents: 12_400,
    billing_period: 'monthly',
    active: 1,
    created_at: now,
    updated_at: now,
    version: 1,
  });

  const invoices = createInvoicesService(deps);
  const families = ctx.familyIds.slice(0, 12);
  const heldIndex = 5;
  for (const [index, familyId] of families.entries()) {
    const student = await demoRepo.firstStudentOf(tx, familyId);
    const teacherId = ctx.teacherIds[index % Math.max(1, ctx.teacherIds.length)];
    if (!student || !teacherId) continue;
    // Hand-overs spread over the last months; the held family's is 40 days ago and it never had a lesson.
    const handOver =
      index === heldIndex
        ? addDays(today, -40)
        : index === 0
          ? addDays(today, -320)
          : addDays(today, -random.int(25, 150));
    const fileId = newId();
    await demoRepo.insertLessonFile(tx, {
      id: fileId,
      family_id: familyId,
      student_id: student.id,
      stage: index === heldIndex ? 'contact_handed_over' : 'ongoing',
      stage_changed_at: now,
      owner_service: 'followup',
      source: 'phone',
      instrument: random.pick(['piano', 'violin', 'guitar', 'flute']),
      level: 1,
      goals: null,
      place: 'home',
      address_line1: null,
      postal_code: null,
      city: null,
      insee_code: null,
      latitude: null,
      longitude: null,
      lesson_minutes: 45,
      frequency: 'weekly',
      teacher_wishes: null,
      styles: null,
      closed_reason: null,
      created_at: now,
      updated_at: now,
      version: 1,
    });
    const assignmentId = newId();
    await demoRepo.insertAssignment(tx, {
      id: assignmentId,
      student_id: student.id,
      teacher_id: teacherId,
      family_id: familyId,
      started_on: handOver,
      ended_on: null,
      end_reason: null,
      created_at: now,
      updated_at: now,
      version: 1,
      file_id: fileId,
      handed_over_at: `${handOver}T09:00:00.000Z`,
      first_lesson_on: null,
      first_lesson_recorded_by: null,
      could_not_reach_at: null,
    });
    const subscriptionId = newId();
    const firstDebitBy = firstDebitDate(handOver, settings.firstDebitWithinDays);
    await demoRepo.insertSubscription(tx, {
      id: subscriptionId,
      file_id: fileId,
      family_id: familyId,
      student_id: student.id,
      plan_id: planId,
      status: 'active',
      subscribed_on: addDays(handOver, -10),
      billable_from: handOver,
      first_debit_by: firstDebitBy,
      ended_on: null,
      on_hold: 0,
      hold_reason: null,
      hold_since: null,
      created_at: now,
      updated_at: now,
      version: 1,
    });
    if (index !== heldIndex) {
      for (let day = 4; addDays(handOver, day) < today; day += 7) {
        await demoRepo.insertLesson(tx, {
          id: newId(),
          assignment_id: assignmentId,
          file_id: fileId,
          teacher_id: teacherId,
          student_id: student.id,
          family_id: familyId,
          lesson_date: addDays(handOver, day),
          minutes: 45,
          status: 'done',
          place: 'home',
          family_response: 'confirmed',
          dispute_reason: null,
          recorded_by: null,
          created_at: now,
          updated_at: now,
          version: 1,
        });
      }
    }
    if (index !== 9 && index !== 10) {
      await insertMandate(tx, {
        id: newId(),
        family_id: familyId,
        rum: `HRM-DEMO-${String(index + 1).padStart(4, '0')}`,
        creditor_identifier: settings.creditor?.identifier ?? '',
        type: 'recurrent',
        debtor_name: `Famille ${await demoRepo.familyName(tx, familyId)}`,
        debtor_line1: '3 place de la Mairie',
        debtor_line2: null,
        debtor_postal_code: '69003',
        debtor_city: 'Lyon',
        debtor_country: 'FR',
        iban: DEMO_IBANS[index % DEMO_IBANS.length] ?? '',
        bic: null,
        signed_on: addDays(handOver, -5),
        signature_method: index % 2 ? 'paper' : 'portal',
        signer_name: 'Responsable légal',
        signed_at: index % 2 ? null : `${addDays(handOver, -5)}T18:00:00.000Z`,
        signed_ip: index % 2 ? null : '192.0.2.10',
        short_notice_days: index % 3 === 0 ? 5 : null,
        status: 'active',
        final_on_next: 0,
        last_used_on: null,
        ended_on: null,
        ended_reason: null,
        created_by: null,
        created_at: now,
        updated_at: now,
        version: 1,
      });
    }
    // Every period up to today is invoiced; the ones whose due date passed were paid by transfer.
    const periods = periodsToInvoice(
      { status: 'active', billable_from: handOver, ended_on: null },
      'monthly',
      12_400,
      addDays(today, settings.issueDaysAhead),
    );
    for (const [p, period] of periods.entries()) {
      const dueOn = firstInstalmentDueOn(
        { billable_from: handOver, first_debit_by: firstDebitBy },
        period,
        p,
        settings.firstDebitWithinDays,
      );
      const invoice = await invoices.issue(tx, SYSTEM, {
        familyId,
        subscriptionId,
        kind: 'invoice',
        periodStart: period.billedStart,
        periodEnd: period.billedEnd,
        periodKey: invoicePeriodKey(subscriptionId, period.billedStart),
        description: `Cours à domicile 45 min — ${student.first_name} (${period.billedStart} → ${period.billedEnd})`,
        amountCents: period.amountCents,
        instalments: [{ dueOn, amountCents: period.amountCents, method: 'sepa' }],
      });
      if (dueOn < addDays(today, -3)) {
        await insertPayment(tx, {
          id: newId(),
          family_id: familyId,
          invoice_id: invoice.id,
          instalment_id: null,
          debit_id: null,
          method: 'transfer',
          amount_cents: period.amountCents,
          received_on: dueOn,
          cash_on: null,
          reference: `VIR ${invoice.number}`,
          note: null,
          created_by: null,
          created_at: now,
        });
        await demoRepo.markPaidByTransfer(tx, invoice.id);
      } else {
        await demoRepo.markPreNotified(tx, invoice.id, addDays(today, -20) + 'T08:00:00.000Z', dueOn);
      }
    }
    if (index === heldIndex) {
      const reason = `no_lesson_since_handover:${handOver}`;
      await demoRepo.insertHold(tx, {
        id: newId(),
        subscription_id: subscriptionId,
        kind: 'no_lesson',
        dedupe_key: `no-lesson:${subscriptionId}:${handOver}`,
        since: addDays(today, -19),
        reason,
        released_at: null,
        released_on: null,
        released_by: null,
        release_reason: null,
        created_at: now,
        version: 1,
      });
      await demoRepo.markSubscriptionHeld(tx, subscriptionId, reason, addDays(today, -19));
      for (const service of ['followup', 'accounts'] as const) {
        await createTask(tx, deps.clock, {
          kind: 'debit-hold',
          service,
          title: 'Prélèvements suspendus : aucun cours depuis la mise en relation',
          details: reason,
          dueOn: addDays(today, -19),
          fileId,
          familyId,
          dedupeKey: `debit-hold:${service}:${subscriptionId}:${handOver}`,
        });
      }
    }
  }

  // The demo family's certificate for the year so far, downloadable in its portal.
  const certificates = createCertificatesService(deps);
  if (families[0])
    await certificates.generateFamily(tx, SYSTEM, families[0], Number(today.slice(0, 4)), false, settings);

  // One prepared batch ten days ahead: due debits included, the held family and those without mandate left out.
  await createBatchesService(deps).prepareIn(tx, SYSTEM, target2OnOrAfter(addDays(today, 10)), settings, today);
};
