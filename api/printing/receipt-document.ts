/**
 * Everything a printed payment receipt shows, from the read models: the money from the payments
 * ledger (one row per PaymentReceived and RefundIssued, so each refund keeps its own date), the
 * booking from the appointments row, the practice from the doctors read model and the payer's
 * name from the patients read model. Who may read it is the policy's receiptRead.
 */
import { receiptRead, type ActingAccount } from '../../domain/access/policy.js';
import {
  consultationMethod,
  notFound,
  type ConsultationMethod,
  type Money,
  type RefundReason,
  refundReason,
} from '../../domain/index.js';
import { readSearchRow } from '../../projections/doctors/doctor-row-io.js';
import { findAppointment, findPatientProfile, listLedgerEntriesOfAppointment } from '../../projections/index.js';
import { withFreshDependant } from '../access/access-context.js';
import { auditStaffRead } from '../access/staff-audit.js';
import type { ApiDeps } from '../deps.js';
import { appointmentNotFound, appointmentPartiesOf } from '../reads/appointment-reads.js';

export interface ReceiptPayment {
  readonly amount: Money;
  readonly paidAt: string;
  /** The provider's payment id: enough to find it with the provider, and no card data. */
  readonly reference: string;
}

export interface ReceiptRefund {
  readonly amount: Money;
  readonly refundedAt: string;
  readonly reason: RefundReason | null;
}

export interface ReceiptDocument {
  readonly appointmentId: string;
  readonly receiptNumber: string;
  /** When this copy was issued: a receipt downloaded after a refund shows it. */
  readonly issuedAt: string;
  /** The doctor's time zone (their availability's); UTC when they have none. */
  readonly timeZone: string;
  readonly practiceName: string | null;
  readonly doctorName: string | null;
  readonly licence: { readonly number: string; readonly issuingBody: string } | null;
  readonly patientName: string | null;
  readonly serviceName: string;
  readonly method: ConsultationMethod;
  readonly startsAt: string;
  /** At least one. */
  readonly payments: readonly ReceiptPayment[];
  readonly refunds: readonly ReceiptRefund[];
  /** Paid minus refunded. */
  readonly net: Money;
}

/**
 * The whole appointment id, not a prefix: a receipt number must never repeat, and one derived from
 * the id needs no counter to store and reads the same on every download.
 */
export const receiptNumberOf = (appointmentId: string) => `R-${appointmentId.toUpperCase()}`;

export const receiptNotFound = () =>
  notFound('RECEIPT_NOT_FOUND', 'Nothing has been paid for this appointment, so there is no receipt (yet).');

export async function readReceiptDocument(
  deps: Pick<ApiDeps, 'pool' | 'eventStore' | 'now'>,
  account: ActingAccount,
  appointmentId: string,
): Promise<ReceiptDocument> {
  const parties = await appointmentPartiesOf(deps, appointmentId);
  if (!parties) throw appointmentNotFound();
  const decision = receiptRead(await withFreshDependant(deps.eventStore, account, parties.patientId), parties);
  // The doctor included: like finance on a prescription, they may see the appointment but not this.
  if (!decision.allowed) throw appointmentNotFound();
  const [row, entries] = await Promise.all([
    findAppointment(deps.pool, appointmentId),
    listLedgerEntriesOfAppointment(deps.pool, appointmentId),
  ]);
  const payments = entries.filter((entry) => entry.kind === 'payment');
  const [first] = payments;
  if (!row || !first) throw receiptNotFound();
  if (decision.audit)
    await auditStaffRead(deps, account, {
      subjectId: parties.patientId,
      resource: 'receipt',
      resourceId: appointmentId,
    });

  const [doctor, patient] = await Promise.all([
    readSearchRow(deps.pool, parties.doctorId),
    findPatientProfile(deps.pool, parties.patientId),
  ]);
  const profile = doctor?.practice.profile ?? null;
  const refunds = entries.filter((entry) => entry.kind === 'refund');
  // Every movement is in the fee's currency (the workflow pays and refunds the fee), so one sum.
  const netMinor = entries.reduce((sum, entry) => sum + entry.amountMinor, 0);
  const reason = (value: string | null) => refundReason.safeParse(value).data ?? null;
  return {
    appointmentId,
    receiptNumber: receiptNumberOf(appointmentId),
    issuedAt: (deps.now ?? (() => new Date()))().toISOString(),
    timeZone: doctor?.practice.availability?.timeZone ?? 'UTC',
    practiceName: profile?.practiceName ?? null,
    doctorName: profile?.displayName ?? null,
    licence: profile?.licence ?? null,
    patientName: patient?.name ?? null,
    serviceName: row.serviceName,
    method: consultationMethod.parse(row.method),
    startsAt: row.startsAt,
    payments: payments.map((entry) => ({
      amount: { amountMinor: entry.amountMinor, currency: entry.currency },
      paidAt: entry.at,
      reference: entry.paymentId,
    })),
    // Stored signed (money out is negative); a receipt lists what went back as an amount.
    refunds: refunds.map((entry) => ({
      amount: { amountMinor: -entry.amountMinor, currency: entry.currency },
      refundedAt: entry.at,
      reason: reason(entry.reason),
    })),
    net: { amountMinor: netMinor, currency: first.currency },
  };
}
