/**
 * The appointment workflow's side effects (AppointmentEffects), built from the ports and
 * PostgreSQL. Each is idempotent by a key made of the appointment id and the step: the checkout
 * by the appointment id, a refund by the key the workflow passes, a notification by
 * `${appointmentId}:${kind}:${eventRevision}:${recipientRole}`. A provider's final refusal (of a
 * payment or a message) becomes a non-retryable failure carrying its code; anything else is left
 * for Temporal to retry.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type pg from 'pg';
import { appointmentStreamId, type ConsultationMethod } from '../domain/index.js';
import type { EventStore } from '../eventstore/event-store.js';
import type { AppointmentEffects, NotifyInput } from './appointment-effects.js';
import { moveSlot } from './move-slot.js';
import { methodLabel } from './notifications/format.js';
import { loadParties } from './notifications/recipients.js';
import { AUDIENCE, renderNotification } from './notifications/templates.js';
import { NotificationRefusedError, type NotificationsPort } from './ports/notifications.js';
import { PaymentRefusedError, type PaymentsPort } from './ports/payments.js';
import type { VideoPort } from './ports/video.js';

export interface AppointmentEffectsDeps {
  readonly pool: pg.Pool;
  readonly eventStore: EventStore;
  readonly payments: PaymentsPort;
  readonly notifications: NotificationsPort;
  readonly video: VideoPort;
  /** Links in messages point here (the web app). */
  readonly publicWebUrl: string;
  /** ORGANIZER of calendar invitations. Default: no-reply@ the web app's host. */
  readonly organizerEmail?: string;
  readonly now?: () => Date;
}

export function createAppointmentEffects(deps: AppointmentEffectsDeps): AppointmentEffects {
  const now = deps.now ?? (() => new Date());
  const organizerEmail = deps.organizerEmail ?? `no-reply@${new URL(deps.publicWebUrl).hostname}`;

  return {
    async createPayment({ appointmentId, amount }) {
      const { description, paymentDueAt } = await describe(deps.eventStore, appointmentId);
      return refusalsAreFinal(() =>
        deps.payments.createCheckout({
          idempotencyKey: appointmentId,
          appointmentId,
          amount,
          description,
          ...(paymentDueAt ? { paymentDueAt } : {}),
        }),
      );
    },

    cancelPayment: ({ paymentId }) => deps.payments.cancel(paymentId),

    async refundPayment({ paymentId, amount, idempotencyKey }) {
      return refusalsAreFinal(() => deps.payments.refund({ paymentId, amount, idempotencyKey }));
    },

    moveSlot: (input) => moveSlot({ pool: deps.pool, eventStore: deps.eventStore, now }, input),

    createRoom: ({ appointmentId }) => deps.video.createRoom(appointmentId),

    async notify(input: NotifyInput) {
      const parties = await loadParties(deps.pool, input.facts);
      const refusals: string[] = [];
      for (const role of AUDIENCE[input.kind]) {
        const recipient = parties[role];
        // Ids and codes only in logs: never a name, an address or a message.
        const context = { appointmentId: input.facts.appointmentId, kind: input.kind, role };
        // No active account to write to (a suspended or deleted one, or a test actor): nothing to send.
        if (!recipient.channel) {
          activityLog()?.info('notification not sent: no active account with an email or phone', context);
          continue;
        }
        const message = renderNotification(input, recipient, parties, {
          publicWebUrl: deps.publicWebUrl,
          now: now(),
          organizerEmail,
        });
        const email = recipient.channel === 'email';
        const result = await deps.notifications
          .send({
            to: { accountId: recipient.accountId },
            channel: recipient.channel,
            subject: message.subject,
            text: email ? message.text : message.sms,
            ...(email && message.calendar ? { attachments: [message.calendar] } : {}),
            dedupeKey: `${input.facts.appointmentId}:${input.kind}:${input.eventRevision}:${role}`,
          })
          .catch((error: unknown) => {
            // Refused for good (an unsubscribed number …): the other recipient still hears of it.
            if (!(error instanceof NotificationRefusedError)) throw error;
            activityLog()?.warn('notification refused by the provider', { ...context, reason: error.reason });
            refusals.push(`${role}: ${error.reason}`);
            return 'refused' as const;
          });
        if (result === 'no_address') activityLog()?.info('notification not sent: no address', context);
      }
      // Non-retryable: the workflow logs it as given up at once instead of retrying for an hour.
      if (refusals.length > 0) {
        throw ApplicationFailure.nonRetryable(
          `The provider refused the notification for good (${refusals.join(', ')})`,
          'NOTIFICATION_REFUSED',
        );
      }
    },
  };
}

/**
 * "Video consultation: General consultation": the checkout page's line, no personal data; and the
 * booking's payment deadline, both from the appointment's first event (fixed, so a retry asks the same).
 */
async function describe(
  eventStore: EventStore,
  appointmentId: string,
): Promise<{ description: string; paymentDueAt?: string }> {
  const [first] = await eventStore.readStream(appointmentStreamId(appointmentId), { maxCount: 1 });
  const data =
    first?.type === 'AppointmentRequested'
      ? (first.data as { serviceName?: string; method?: string; paymentDueAt?: string })
      : {};
  const label = data.method ? methodLabel(data.method as ConsultationMethod) : 'consultation';
  const text = data.serviceName ? `${label}: ${data.serviceName}` : label;
  return { description: `Consulta ${text}`, ...(data.paymentDueAt ? { paymentDueAt: data.paymentDueAt } : {}) };
}

async function refusalsAreFinal<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PaymentRefusedError) throw ApplicationFailure.nonRetryable(error.message, error.code);
    throw error;
  }
}

/** The activity's logger inside a worker; nothing when called outside one (tests call effects directly). */
function activityLog() {
  try {
    return Context.current().log;
  } catch {
    return undefined;
  }
}
