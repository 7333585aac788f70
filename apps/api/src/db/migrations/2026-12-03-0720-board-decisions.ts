import type { Kysely } from 'kysely';

/**
 * The board's register of decisions (date, subject, text, the vote: for, against, abstentions, members present and
 * represented), what each decision sets (links: a season's tariffs, a calendar closure, a payment deferral), and
 * the season tariffs a decision adopts (membership fee, course fees per discipline and duration, family discounts,
 * solidarity rates; the lists as JSON). A season's tariffs are those of its latest tariffs decision.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('board_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('votes_for', 'integer', (c) => c.notNull())
    .addColumn('votes_against', 'integer', (c) => c.notNull())
    .addColumn('abstentions', 'integer', (c) => c.notNull())
    .addColumn('members_present', 'integer', (c) => c.notNull())
    .addColumn('members_represented', 'integer', (c) => c.notNull())
    .addColumn('season_id', 'text', (c) => c.references('seasons.id'))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('board_decisions_date_idx')
    .on('board_decisions')
    .columns(['decided_on', 'created_at', 'id'])
    .execute();
  await db.schema
    .createTable('board_decision_links')
    .addColumn('decision_id', 'text', (c) => c.notNull().references('board_decisions.id'))
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('board_decision_links_pk', ['decision_id', 'target_type', 'target_id'])
    .execute();
  // "What it sets links back to the decision": from a closure or a deferral to its decisions.
  await db.schema
    .createIndex('board_decision_links_target_idx')
    .on('board_decision_links')
    .columns(['target_type', 'target_id'])
    .execute();
  await db.schema
    .createTable('season_tariffs')
    .addColumn('decision_id', 'text', (c) => c.primaryKey().references('board_decisions.id'))
    .addColumn('season_id', 'text', (c) => c.notNull().references('seasons.id'))
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('copied_from_season_id', 'text', (c) => c.references('seasons.id'))
    .addColumn('membership_basis', 'text', (c) => c.notNull())
    .addColumn('membership_fee_cents', 'integer', (c) => c.notNull())
    .addColumn('course_fees', 'text', (c) => c.notNull())
    .addColumn('family_discounts', 'text', (c) => c.notNull())
    .addColumn('solidarity_rates', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('season_tariffs_season_idx')
    .on('season_tariffs')
    .columns(['season_id', 'decided_on', 'created_at'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['season_tariffs', 'board_decision_links', 'board_decisions']) {
    await db.schema.dropTable(table).execute();
  }
}
