import type { Tx } from '../../db/database.js';
import type { LoginAttemptsTable } from '../../db/tables.js';

/** Attempts that count as failures until proven otherwise: a password still being checked counts too. */
const OPEN = ['pending', 'failed'] as const;

/**
 * Everything the login limits decide on, in one statement: the failures of this address on this account (count,
 * oldest, the latest wait it was asked), of this address on any account (cleared ones too: logging into one's own
 * account must not reset an address), and of the account from anywhere.
 */
export async function attemptCounts(tx: Tx, email: string, address: string, since: string) {
  const row = await tx
    .selectNoFrom((eb) => {
      const recent = () => eb.selectFrom('login_attempts').where('at', '>', since);
      const account = () => recent().where('email', '=', email).where('outcome', 'in', OPEN);
      const pair = () => account().where('address', '=', address);
      const fromAddress = () => recent().where('address', '=', address).where('outcome', '<>', 'succeeded');
      return [
        pair()
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('pairFailures'),
        pair()
          .select((e) => e.fn.min('at').as('at'))
          .as('pairOldest'),
        pair()
          .select((e) => e.fn.max('retry_at').as('at'))
          .as('pairRetryAt'),
        fromAddress()
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('addressFailures'),
        fromAddress()
          .select((e) => e.fn.min('at').as('at'))
          .as('addressOldest'),
        account()
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('accountFailures'),
      ];
    })
    .executeTakeFirstOrThrow();
  return {
    pairFailures: Number(row.pairFailures),
    pairOldest: row.pairOldest as string | null,
    pairRetryAt: row.pairRetryAt as string | null,
    addressFailures: Number(row.addressFailures),
    addressOldest: row.addressOldest as string | null,
    accountFailures: Number(row.accountFailures),
  };
}

export async function insertAttempt(tx: Tx, attempt: LoginAttemptsTable): Promise<void> {
  await tx.insertInto('login_attempts').values(attempt).execute();
}

export async function markFailed(tx: Tx, id: string): Promise<void> {
  await tx.updateTable('login_attempts').set({ outcome: 'failed' }).where('id', '=', id).execute();
}

/** The attempt succeeded: this address's earlier failures on the account stop counting for it. */
export async function markSucceeded(tx: Tx, attempt: { id: string; email: string; address: string }): Promise<void> {
  await tx.updateTable('login_attempts').set({ outcome: 'succeeded' }).where('id', '=', attempt.id).execute();
  await tx
    .updateTable('login_attempts')
    .set({ outcome: 'cleared' })
    .where('email', '=', attempt.email)
    .where('address', '=', attempt.address)
    .where('outcome', '=', 'failed')
    .execute();
}
