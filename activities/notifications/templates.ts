/**
 * What each notification says, per kind and per recipient (patient or doctor), with times in the
 * recipient's own time zone. Pure: the parties and the clock come in. Messages name no medicine
 * and quote no comment: they point to the app, where the person signs in to read the details.
 */
import type { NotificationKind, NotifyInput } from '../appointment-effects.js';
import { formatMoney, formatWhen, methodLabel } from './format.js';
import { calendarInvite, type IcsMethod } from './ics.js';
import type { Parties, Recipient, RecipientRole } from './recipients.js';

/** Who hears about each kind of event. */
export const AUDIENCE: Record<NotificationKind, readonly RecipientRole[]> = {
  appointment_confirmed: ['patient', 'doctor'],
  appointment_reminder: ['patient', 'doctor'],
  appointment_rescheduled: ['patient', 'doctor'],
  appointment_cancelled: ['patient', 'doctor'],
  payment_failed: ['patient'],
  no_show_recorded: ['patient', 'doctor'],
  consultation_ended: ['patient'],
  prescription_issued: ['patient'],
  review_reminder: ['patient'],
  refund_issued: ['patient'],
};

const CALENDAR: Partial<Record<NotificationKind, IcsMethod>> = {
  appointment_confirmed: 'REQUEST',
  appointment_rescheduled: 'REQUEST',
  appointment_cancelled: 'CANCEL',
};

export interface RenderedNotification {
  readonly subject: string;
  /** The email body. */
  readonly text: string;
  /** The same news in one short line, for an account reachable by SMS only. */
  readonly sms: string;
  readonly calendar?: { readonly filename: string; readonly contentType: string; readonly content: string };
}

export interface RenderOptions {
  readonly publicWebUrl: string;
  readonly now: Date;
  /** ORGANIZER of calendar invitations (iTIP REQUEST needs one); a no-reply address. */
  readonly organizerEmail: string;
}

export function renderNotification(
  input: NotifyInput,
  to: Recipient,
  parties: Parties,
  options: RenderOptions,
): RenderedNotification {
  const { facts } = input;
  const link = `${options.publicWebUrl.replace(/\/$/, '')}/appointments/${facts.appointmentId}`;
  const when = formatWhen(facts.startsAt, to.timeZone);
  const doctor = parties.doctor.name ?? 'your doctor';
  const patient = parties.patientName ?? 'your patient';
  const service = `${facts.serviceName} (${methodLabel(facts.method)})`;
  const forWhom = parties.dependantName ? ` for ${parties.dependantName}` : '';
  const refund = input.refund && input.refund.amountMinor > 0 ? formatMoney(input.refund) : null;
  const isPatient = to.role === 'patient';
  const withWhom = isPatient ? `with ${doctor}${forWhom}` : `with ${patient}`;

  const [subject, ...lines] = ((): string[] => {
    switch (input.kind) {
      case 'appointment_confirmed':
        return [`Appointment confirmed: ${when}`, `Your ${service} ${withWhom} is confirmed for ${when}.`];
      case 'appointment_reminder':
        return [`Reminder: ${service} on ${when}`, `Your ${service} ${withWhom} starts ${when}.`];
      case 'appointment_rescheduled': {
        const before = input.previousStartsAt ? ` (it was ${formatWhen(input.previousStartsAt, to.timeZone)})` : '';
        return [`Appointment moved to ${when}`, `Your ${service} ${withWhom} now starts ${when}${before}.`];
      }
      case 'appointment_cancelled':
        return [
          `Appointment cancelled: ${when}`,
          `Your ${service} ${withWhom} on ${when} has been cancelled${cancelledByText(input, to.role)}.`,
          ...(isPatient && refund ? [`A refund of ${refund} is on its way to you.`] : []),
        ];
      case 'payment_failed':
        return [
          'Your payment did not go through',
          `The payment for your ${service} ${withWhom} on ${when} did not go through. ` +
            'Try again from the appointment page before the booking expires.',
        ];
      case 'no_show_recorded':
        return noShowLines(input.noShowParty, to.role, { service, withWhom, when, refund });
      case 'consultation_ended':
        return [
          `How was your consultation with ${doctor}?`,
          `Your ${service} ${withWhom} has ended. Tell other patients how it went: leave a review.`,
        ];
      case 'prescription_issued':
        return [
          `${doctor} issued a prescription`,
          `${doctor} issued a prescription after your ${service}${forWhom}. Sign in to Consulta to read it.`,
        ];
      case 'review_reminder':
        return [
          `A minute to review ${doctor}?`,
          `Your review of the ${service} on ${when} helps other patients choose.`,
        ];
      case 'refund_issued':
        return [
          `Refund issued${refund ? `: ${refund}` : ''}`,
          `We refunded ${refund ?? 'your payment'} for your ${service} ${withWhom} on ${when}.`,
        ];
      default:
        return unreachable(input.kind);
    }
  })();
  const greeting = to.name ? `Hello ${to.name},` : 'Hello,';
  const text = [greeting, '', ...lines, '', `Details: ${link}`, '', 'Consulta'].join('\n');
  const method = CALENDAR[input.kind];
  return {
    subject: subject ?? '',
    text,
    sms: `Consulta: ${subject ?? ''}. ${link}`,
    ...(method
      ? {
          calendar: {
            filename: 'appointment.ics',
            contentType: `text/calendar; charset=utf-8; method=${method}`,
            content: calendarInvite(method, {
              uid: `${facts.appointmentId}@consulta`,
              sequence: input.eventRevision,
              startsAt: facts.startsAt,
              endsAt: facts.endsAt,
              stampedAt: options.now.toISOString(),
              summary: `${facts.serviceName} ${withWhom}`,
              description: `${service}. Details: ${link}`,
              url: link,
              organizer: { name: 'Consulta', email: options.organizerEmail },
            }),
          },
        }
      : {}),
  };
}

function cancelledByText(input: NotifyInput, role: RecipientRole): string {
  switch (input.cancelledBy) {
    case 'patient':
      return role === 'patient' ? ' at your request' : ' by the patient';
    case 'doctor':
      return role === 'doctor' ? ' at your request' : ' by the doctor';
    case 'admin':
      return ' by Consulta support';
    case 'system':
      return ' because it was not paid in time';
    case undefined:
      return '';
    default:
      return unreachable(input.cancelledBy);
  }
}

function noShowLines(
  party: 'patient' | 'doctor' | undefined,
  role: RecipientRole,
  t: { service: string; withWhom: string; when: string; refund: string | null },
): string[] {
  if (party === 'doctor') {
    return role === 'patient'
      ? [
          'Your doctor did not join',
          `Your doctor did not join your ${t.service} on ${t.when}. We are sorry.`,
          ...(t.refund ? [`You get a full refund of ${t.refund}.`] : []),
        ]
      : ['You missed a consultation', `You were recorded as absent from the ${t.service} ${t.withWhom} on ${t.when}.`];
  }
  return role === 'patient'
    ? ['You missed your consultation', `You were recorded as absent from your ${t.service} ${t.withWhom} on ${t.when}.`]
    : ['Your patient did not join', `Your patient did not join the ${t.service} on ${t.when}.`];
}

function unreachable(value: never): never {
  throw new Error(`Unhandled notification case: ${String(value)}`);
}
