/** Reads of the `payments_ledger` read model (finance). */
import type pg from 'pg';

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export interface LedgerEntry {
  readonly eventId: string;
  readonly appointmentId: string;
  readonly paymentId: string;
  readonly kind: 'payment' | 'refund';
  readonly reference: string;
  /** Signed minor units: positive in, negative out. */
  readonly amountMinor: number;
  readonly currency: string;
  readonly reason: string | null;
  readonly at: string;
}

export interface LedgerCursor {
  readonly at: string;
  readonly eventId: string;
}

const LEDGER_COLUMNS = 'event_id, appointment_id, payment_id, kind, reference, amount_minor, currency, reason, at';

interface LedgerRow {
  event_id: string;
  appointment_id: string;
  payment_id: string;
  kind: 'payment' | 'refund';
  reference: string;
  amount_minor: string;
  currency: string;
  reason: string | null;
  at: Date;
}

const toLedgerEntry = (row: LedgerRow): LedgerEntry => ({
  eventId: row.event_id,
  appointmentId: row.appointment_id,
  paymentId: row.payment_id,
  kind: row.kind,
  reference: row.reference,
  amountMinor: Number(row.amount_minor),
  currency: row.currency,
  reason: row.reason,
  at: row.at.toISOString(),
});

/** One appointment's money movements, oldest first (its receipt). */
export async function listLedgerEntriesOfAppointment(db: Queryable, appointmentId: string): Promise<LedgerEntry[]> {
  const { rows } = await db.query<LedgerRow>(
    `SELECT ${LEDGER_COLUMNS} FROM payments_ledger WHERE appointment_id = $1 ORDER BY at, event_id`,
    [appointmentId],
  );
  return rows.map(toLedgerEntry);
}

/** Entries in [from, to), oldest first, as an accountant reads a ledger. */
export async function listLedgerEntries(
  db: Queryable,
  filter: { readonly first: number; readonly from?: string; readonly to?: string; readonly after?: LedgerCursor },
): Promise<{ entries: LedgerEntry[]; endCursor: LedgerCursor | null; hasNextPage: boolean }> {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (filter.from) where.push(`at >= ${p(filter.from)}::timestamptz`);
  if (filter.to) where.push(`at < ${p(filter.to)}::timestamptz`);
  if (filter.after)
    where.push(`(at, event_id) > (${p(filter.after.at)}::timestamptz, ${p(filter.after.eventId)}::uuid)`);
  const { rows } = await db.query<LedgerRow>(
    `SELECT ${LEDGER_COLUMNS} FROM payments_ledger ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY at, event_id LIMIT ${p(filter.first + 1)}`,
    params,
  );
  const entries = rows.slice(0, filter.first).map(toLedgerEntry);
  const last = entries.at(-1);
  return {
    entries,
    endCursor: last ? { at: last.at, eventId: last.eventId } : null,
    hasNextPage: rows.length > filter.first,
  };
}
