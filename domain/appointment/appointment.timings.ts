/**
 * Every duration the appointment lifecycle waits on. Defaults are the product's; tests and demos
 * pass short ones. They travel in the workflow input, so a running appointment keeps the timings
 * it started with even when the configuration changes.
 */
import { z } from 'zod';

const ms = z.number().int().min(0);

export const appointmentTimings = z.object({
  /** Unpaid bookings are cancelled and their slot released after this. */
  paymentTimeoutMs: ms,
  /** Reminders before the start; one inside the window at confirmation time is skipped. */
  reminderOffsetsMs: z.array(z.number().int().positive()).max(5),
  /** Check-in opens this long before the start. */
  joinWindowMs: ms,
  /** After the start, whoever has not shown up by then is recorded as a no-show. */
  noShowGraceMs: ms,
  /** A consultation runs the service's duration plus this before the session timer ends it. */
  sessionGraceMs: ms,
  /** Reviews are accepted for this long after the consultation ends. */
  reviewWindowMs: ms,
  /** The patient is reminded to review after this, if they have not. */
  reviewReminderMs: ms,
});
export type AppointmentTimings = z.infer<typeof appointmentTimings>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const DEFAULT_TIMINGS: AppointmentTimings = {
  paymentTimeoutMs: 15 * MINUTE,
  reminderOffsetsMs: [DAY, HOUR],
  joinWindowMs: 10 * MINUTE,
  noShowGraceMs: 15 * MINUTE,
  sessionGraceMs: 10 * MINUTE,
  reviewWindowMs: 14 * DAY,
  reviewReminderMs: DAY,
};
