/**
 * What each party may do next on an appointment page, from its status and the clock. Pure: the
 * time is passed in. The API and the workflow decide for real (a refusal comes back as a message);
 * this only decides which controls to show, so nobody is offered a button that can only fail.
 */
import { isUpcomingStatus } from './appointment';

/** How the viewer stands to the appointment: its patient (or their guardian), its doctor, or staff. */
export type Viewpoint = 'patient' | 'doctor' | 'staff';

/** Loads about one appointment depend on this: a status change (live or polled) reloads just them. */
export const APPOINTMENT_DEPENDENCY = 'consulta:appointment';

/** The doctor's day view depends on this; it polls it, as the waiting room fills while it is open. */
export const DOCTOR_DAY_DEPENDENCY = 'consulta:doctor-day';

/** Check-in opens this long before the start unless the API says when (appointment.timings.ts joinWindowMs). */
export const DEFAULT_JOIN_WINDOW_MS = 10 * 60_000;

export interface LifecycleFacts {
  status: string;
  startsAt: string;
  checkoutUrl: string | null;
  checkInOpensAt: string | null;
  reschedulesLeft: number | null;
  prescriptionIssuedAt: string | null;
}

export type CheckIn = { kind: 'none' } | { kind: 'not-yet'; opensAt: string } | { kind: 'open' };

export interface NextSteps {
  pay: boolean;
  cancel: boolean;
  /**
   * null while moving is out of the question (not confirmed, started, staff); otherwise whether it
   * is allowed and, for a patient, how many moves are left (doctors are not capped).
   */
  reschedule: { allowed: boolean; left: number | null } | null;
  checkIn: CheckIn;
  /** Checked in, the doctor has not admitted yet. */
  waitingRoom: boolean;
  join: boolean;
  admit: boolean;
  end: boolean;
  prescribe: boolean;
  review: boolean;
  reviewed: boolean;
}

export function checkInOpensAt(facts: Pick<LifecycleFacts, 'startsAt' | 'checkInOpensAt'>): string {
  return facts.checkInOpensAt ?? new Date(Date.parse(facts.startsAt) - DEFAULT_JOIN_WINDOW_MS).toISOString();
}

export function nextSteps(facts: LifecycleFacts, viewpoint: Viewpoint, now: Date): NextSteps {
  const { status } = facts;
  const patient = viewpoint === 'patient';
  const doctor = viewpoint === 'doctor';
  const confirmed = status === 'confirmed' || status === 'reminded';
  const beforeStart = now.getTime() < Date.parse(facts.startsAt);
  const left = facts.reschedulesLeft;
  const opensAt = checkInOpensAt(facts);

  let checkIn: CheckIn = { kind: 'none' };
  if (patient && confirmed) {
    checkIn = now.getTime() >= Date.parse(opensAt) ? { kind: 'open' } : { kind: 'not-yet', opensAt };
  }
  const movable = confirmed && beforeStart && (doctor || patient);
  return {
    pay: patient && status === 'pending_payment' && facts.checkoutUrl !== null,
    cancel: viewpoint !== 'staff' && (isUpcomingStatus(status) || status === 'waiting'),
    reschedule: movable ? { allowed: doctor || left === null || left > 0, left: patient ? left : null } : null,
    checkIn,
    waitingRoom: patient && status === 'waiting',
    join: (patient || doctor) && status === 'in_consultation',
    admit: doctor && status === 'waiting',
    end: doctor && status === 'in_consultation',
    prescribe:
      doctor && (status === 'in_consultation' || status === 'consultation_ended') && !facts.prescriptionIssuedAt,
    review: patient && (status === 'consultation_ended' || status === 'prescribed'),
    reviewed: status === 'reviewed',
  };
}

/** Whether a prescription exists to be shown: issued (the detail says when), or the status says so. */
export function hasPrescription(facts: Pick<LifecycleFacts, 'status' | 'prescriptionIssuedAt'>): boolean {
  return facts.prescriptionIssuedAt !== null || facts.status === 'prescribed';
}

/** One sentence for the live region when the status changes, from the viewer's side. */
export function statusAnnouncement(status: string, viewpoint: Viewpoint): string {
  const patient = viewpoint === 'patient';
  switch (status) {
    case 'pending_payment':
      return patient ? 'Your appointment is waiting for payment.' : 'The appointment is waiting for payment.';
    case 'confirmed':
    case 'reminded':
      return 'The appointment is confirmed.';
    case 'waiting':
      return patient ? 'You are checked in. The doctor will admit you.' : 'The patient is in the waiting room.';
    case 'in_consultation':
      return patient ? 'The doctor has admitted you. Join the consultation now.' : 'The consultation has started.';
    case 'consultation_ended':
      return 'The consultation has ended.';
    case 'prescribed':
      return 'A prescription has been issued.';
    case 'reviewed':
      return 'The review has been recorded. Thank you.';
    case 'completed':
      return 'The appointment is complete.';
    case 'cancelled':
      return 'The appointment was cancelled.';
    case 'no_show':
      return 'The appointment was missed.';
    case 'refunded':
      return 'The payment was refunded.';
    default:
      return `The appointment status is now ${status.replaceAll('_', ' ')}.`;
  }
}
