/**
 * The `payments_ledger` read model for finance: one signed row per money movement, PaymentReceived
 * in (+) and RefundIssued out (−), keyed by the event id so a replay writes each once.
 */
import { appointmentIdFromStreamId, parseAppointmentEvent } from '../../domain/index.js';
import type { Projection } from '../projection.js';

export const paymentsLedgerProjection: Projection = {
  name: 'payments-ledger',
  tables: ['payments_ledger'],
  async apply(client, event) {
    const appointmentId = appointmentIdFromStreamId(event.streamId);
    if (!appointmentId) return;
    if (event.type !== 'PaymentReceived' && event.type !== 'RefundIssued') return;
    const parsed = parseAppointmentEvent(event.type, event.data);
    const entry =
      parsed.type === 'PaymentReceived'
        ? {
            paymentId: parsed.data.paymentId,
            kind: 'payment',
            reference: parsed.data.providerEventId,
            amountMinor: parsed.data.amount.amountMinor,
            currency: parsed.data.amount.currency,
            reason: null,
            at: parsed.data.receivedAt,
          }
        : parsed.type === 'RefundIssued'
          ? {
              paymentId: parsed.data.paymentId,
              kind: 'refund',
              reference: parsed.data.refundId,
              amountMinor: -parsed.data.amount.amountMinor,
              currency: parsed.data.amount.currency,
              reason: parsed.data.reason,
              at: parsed.data.refundedAt,
            }
          : undefined;
    if (!entry) return;
    await client.query(
      `INSERT INTO payments_ledger (event_id, appointment_id, payment_id, kind, reference, amount_minor, currency,
         reason, at, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (event_id) DO NOTHING`,
      [
        event.id,
        appointmentId,
        entry.paymentId,
        entry.kind,
        entry.reference,
        entry.amountMinor,
        entry.currency,
        entry.reason,
        entry.at,
        event.position.toString(),
      ],
    );
  },
};
