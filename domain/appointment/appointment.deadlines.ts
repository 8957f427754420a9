/**
 * The next thing a timer must do for an appointment, computed from its state alone, so every
 * deadline follows a reschedule and a replay computes the same one. Pure: `now` is passed in.
 */
import type { AppointmentCommand } from './appointment.commands.js';
import type { BookedState } from './appointment.state.js';
import type { AppointmentTimings } from './appointment.timings.js';

type TimerCommand = Extract<
  AppointmentCommand,
  {
    type:
      | 'ExpirePayment'
      | 'SendReminder'
      | 'RecordNoShow'
      | 'EndConsultation'
      | 'SendReviewReminder'
      | 'CloseReviewWindow';
  }
>;
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface Deadline {
  readonly at: string;
  readonly command: DistributiveOmit<TimerCommand, 'now'>;
}

const shift = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString();

/** The earliest pending deadline, or null when no timer is waiting (a final state). */
export function nextDeadline(state: BookedState, timings: AppointmentTimings): Deadline | null {
  const candidates: Deadline[] = [];
  switch (state.status) {
    case 'pending_payment':
      candidates.push({ at: state.paymentDueAt, command: { type: 'ExpirePayment' } });
      break;
    case 'confirmed':
    case 'reminded':
      for (const offsetMs of timings.reminderOffsetsMs) {
        const at = shift(state.startsAt, -offsetMs);
        const sent = state.reminders.some((r) => r.offsetMs === offsetMs);
        // Booked (or moved) inside this reminder's window: it would arrive late or twice, so skip it.
        const armedInside = state.remindersFrom !== null && Date.parse(at) <= Date.parse(state.remindersFrom);
        if (!sent && !armedInside) candidates.push({ at, command: { type: 'SendReminder', offsetMs } });
      }
      candidates.push({ at: shift(state.startsAt, timings.noShowGraceMs), command: { type: 'RecordNoShow' } });
      break;
    case 'waiting':
      candidates.push({ at: shift(state.startsAt, timings.noShowGraceMs), command: { type: 'RecordNoShow' } });
      break;
    case 'in_consultation':
      if (state.consultation) {
        candidates.push({
          at: state.consultation.endsBy,
          command: { type: 'EndConsultation', by: 'system', reviewWindowMs: timings.reviewWindowMs },
        });
      }
      break;
    case 'consultation_ended':
    case 'prescribed': {
      const endedAt = state.consultation?.endedAt;
      if (endedAt && !state.reviewReminderSentAt) {
        candidates.push({ at: shift(endedAt, timings.reviewReminderMs), command: { type: 'SendReviewReminder' } });
      }
      if (state.reviewDueAt) candidates.push({ at: state.reviewDueAt, command: { type: 'CloseReviewWindow' } });
      break;
    }
    default:
      break;
  }
  return candidates.reduce<Deadline | null>(
    (first, c) => (!first || Date.parse(c.at) < Date.parse(first.at) ? c : first),
    null,
  );
}
