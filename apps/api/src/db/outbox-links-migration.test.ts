import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, sql, type Migration } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/harness.js';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';

const MIGRATION = '2026-12-01-1010-outbox-personal-links';

describe(`migration ${MIGRATION}`, () => {
  it('hides the links of messages written before it, keeping a clear body only for those not yet sent', async () => {
    const { url, drop } = await createTestDatabase();
    const database = openDatabase(url, { poolSize: 2 });
    try {
      // The database as it was just before this migration.
      const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
      const earlier = fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.ts') && f.replace(/\.ts$/, '') < MIGRATION)
        .sort();
      const migrations: Record<string, Migration> = {};
      for (const file of earlier) {
        migrations[file.replace(/\.ts$/, '')] = (await import(pathToFileURL(path.join(dir, file)).href)) as Migration;
      }
      const provider = { getMigrations: async () => migrations };
      const result = await new Migrator({ db: database.db, provider }).migrateToLatest();
      expect(result.error).toBeUndefined();

      const link = 'http://localhost:3000/reset-password?token=Abc123Abc123Abc123Abc123Abc123';
      const answer = 'https://harmonie.example.org/l/Xyz789Xyz789Xyz789Xyz789Xyz789';
      const rows = [
        { id: 'sent-fr', locale: 'fr', status: 'sent', text_body: `Bonjour,\n\nSuivez ce lien :\n\n${link}\n\nMerci` },
        { id: 'pending-en', locale: 'en', status: 'pending', text_body: `Hello,\n\nTell us the date:\n\n${answer}` },
        { id: 'plain', locale: 'fr', status: 'stored', text_body: 'Facture : http://localhost:3000/family/billing' },
      ];
      for (const r of rows) {
        await sql`insert into outbox
                    (id, created_at, to_address, subject, text_body, html_body, locale, template, status)
          values (${r.id}, '2026-11-20T10:00:00.000Z', 'someone@example.org', 'Sujet', ${r.text_body},
                  ${`<p>${r.text_body}</p>`}, ${r.locale}, 'x', ${r.status})`.execute(database.db);
      }

      await migrateToLatest(database);
      const after = await database.db.selectFrom('outbox').selectAll().orderBy('id').execute();
      const byId = Object.fromEntries(after.map((r) => [r.id, r]));
      const hiddenFr = 'Bonjour,\n\nSuivez ce lien :\n\n[lien personnel masqué]\n\nMerci';
      expect(byId['sent-fr']).toMatchObject({ text_body: hiddenFr, delivery_text: null });
      expect(byId['sent-fr']?.html_body).not.toContain('token=');
      const hiddenEn = 'Hello,\n\nTell us the date:\n\n[personal link hidden]';
      expect(byId['pending-en']).toMatchObject({ text_body: hiddenEn, delivery_text: rows[1]?.text_body });
      expect(byId.plain).toMatchObject({ text_body: rows[2]?.text_body, delivery_text: null });
    } finally {
      await database.destroy();
      await drop();
    }
  });
});
