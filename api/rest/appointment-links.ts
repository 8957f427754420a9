/**
 * The links an appointment answer carries: what its status lets the caller's side do next. They
 * are hints for the client (the web app shows a button per link); every command is authorised
 * and decided again when it arrives, so a stale link only earns a 409.
 */
import type { AppointmentRole } from '../../domain/access/policy.js';
import type { AppointmentStatus } from '../../domain/index.js';
import type { AppointmentLinks } from './appointment-schemas.js';

type Action = Exclude<keyof AppointmentLinks, 'self' | 'events' | 'pay'>;

const UPCOMING: readonly AppointmentStatus[] = ['pending_payment', 'confirmed', 'reminded'];
const BOOKED: readonly AppointmentStatus[] = ['confirmed', 'reminded'];

/** Each action: the statuses it applies in, and the sides that may take it (domain/access/policy.ts). */
const ACTIONS: Record<
  Action,
  { path: string; statuses: readonly AppointmentStatus[]; by: readonly AppointmentRole[] }
> = {
  cancel: { path: 'cancel', statuses: [...UPCOMING, 'waiting'], by: ['patient', 'doctor', 'admin'] },
  cancellationQuote: {
    path: 'cancellation-quote',
    statuses: [...UPCOMING, 'waiting'],
    by: ['patient', 'doctor', 'admin'],
  },
  reschedule: { path: 'reschedule', statuses: BOOKED, by: ['patient', 'doctor', 'admin'] },
  // Checking in again (a dropped connection) is how a patient gets back in.
  checkIn: { path: 'check-in', statuses: [...BOOKED, 'waiting'], by: ['patient'] },
  admit: { path: 'admit', statuses: ['waiting'], by: ['doctor'] },
  room: { path: 'room', statuses: ['in_consultation'], by: ['patient', 'doctor'] },
  end: { path: 'end', statuses: ['in_consultation'], by: ['doctor'] },
  prescription: { path: 'prescription', statuses: ['in_consultation', 'consultation_ended'], by: ['doctor'] },
  review: { path: 'review', statuses: ['consultation_ended', 'prescribed'], by: ['patient'] },
};

export function appointmentLinks(
  id: string,
  view: { readonly status: AppointmentStatus; readonly checkoutUrl: string | null },
  side: AppointmentRole | null,
): AppointmentLinks {
  const base = `/api/v1/appointments/${id}`;
  const links: AppointmentLinks = { self: base, events: `${base}/events` };
  if (view.status === 'pending_payment' && view.checkoutUrl && side === 'patient') links.pay = view.checkoutUrl;
  for (const [action, rule] of Object.entries(ACTIONS) as [Action, (typeof ACTIONS)[Action]][]) {
    if (side && rule.by.includes(side) && rule.statuses.includes(view.status)) links[action] = `${base}/${rule.path}`;
  }
  return links;
}
