/**
 * Dashboard reads of the `appointments` read model: a patient's upcoming and past appointments
 * (their own and their dependants'), and a doctor's day in their own time zone. The caller passes
 * whose appointments to read (already decided by the access policy) and the clock.
 */
import {
  APPOINTMENT_VIEW_SELECT,
  toAppointmentView,
  type AppointmentView,
  type Queryable,
} from './appointment-queries.js';
import type { BookedStatus } from './appointment-row.js';

/**
 * Where each status puts an appointment on a dashboard. A Record over every status, so a new
 * status does not compile until someone decides where it shows.
 */
const PHASE: Readonly<Record<BookedStatus, 'ahead' | 'in_progress' | 'behind'>> = {
  pending_payment: 'ahead',
  confirmed: 'ahead',
  reminded: 'ahead',
  waiting: 'in_progress',
  in_consultation: 'in_progress',
  // Over, awaiting the review (and maybe the prescription): shown among the past ones.
  consultation_ended: 'behind',
  prescribed: 'behind',
  reviewed: 'behind',
  completed: 'behind',
  cancelled: 'behind',
  no_show: 'behind',
  refunded: 'behind',
};
const statusesIn = (phase: 'ahead' | 'in_progress') =>
  (Object.keys(PHASE) as BookedStatus[]).filter((status) => PHASE[status] === phase);
const AHEAD = statusesIn('ahead');
const IN_PROGRESS = statusesIn('in_progress');

/** SQL with numbered parameters, built one value at a time. */
function params() {
  const values: unknown[] = [];
  return {
    values,
    p(value: unknown, type: string): string {
      values.push(value);
      return `$${values.length}::${type}`;
    },
  };
}

/**
 * Upcoming: still ahead and not yet over (a booking whose start passed a moment ago can still be
 * joined until its end), or in progress whatever the clock says. Everything else is past.
 */
function upcoming(p: ReturnType<typeof params>['p'], now: Date): string {
  return `(a.status = ANY(${p(IN_PROGRESS, 'text[]')}) OR (a.status = ANY(${p(AHEAD, 'text[]')})
    AND a.ends_at > ${p(now.toISOString(), 'timestamptz')}))`;
}

/** One patient's appointments still ahead or in progress, soonest first. */
export async function upcomingAppointmentsOf(
  db: Queryable,
  input: { readonly patientId: string; readonly now: Date; readonly first: number },
): Promise<AppointmentView[]> {
  const q = params();
  const { rows } = await db.query(
    `${APPOINTMENT_VIEW_SELECT} WHERE a.patient_id = ${q.p(input.patientId, 'uuid')} AND ${upcoming(q.p, input.now)}
      ORDER BY a.starts_at, a.id LIMIT ${q.p(input.first, 'int')}`,
    q.values,
  );
  return rows.map(toAppointmentView);
}

/** A dashboard row: the appointment with its parties' names. */
export type DashboardItem = AppointmentView;

export interface PastCursor {
  readonly startsAt: string;
  readonly id: string;
}

export interface PatientDashboard {
  /** Soonest first. */
  readonly upcoming: DashboardItem[];
  /** Newest first. */
  readonly past: DashboardItem[];
  readonly pastEndCursor: PastCursor | null;
  readonly hasMorePast: boolean;
}

export async function patientDashboard(
  db: Queryable,
  input: {
    readonly patientIds: readonly string[];
    readonly now: Date;
    readonly first: number;
    readonly pastAfter?: PastCursor;
  },
): Promise<PatientDashboard> {
  const ahead = params();
  const soon = await db.query(
    `${APPOINTMENT_VIEW_SELECT} WHERE a.patient_id = ANY(${ahead.p(input.patientIds, 'uuid[]')}) AND ${upcoming(ahead.p, input.now)}
      ORDER BY a.starts_at, a.id LIMIT ${ahead.p(input.first, 'int')}`,
    ahead.values,
  );
  const behind = params();
  const after = input.pastAfter
    ? `AND (a.starts_at, a.id) < (${behind.p(input.pastAfter.startsAt, 'timestamptz')}, ${behind.p(input.pastAfter.id, 'uuid')})`
    : '';
  const past = await db.query(
    `${APPOINTMENT_VIEW_SELECT} WHERE a.patient_id = ANY(${behind.p(input.patientIds, 'uuid[]')})
       AND NOT ${upcoming(behind.p, input.now)} ${after}
      ORDER BY a.starts_at DESC, a.id DESC LIMIT ${behind.p(input.first + 1, 'int')}`,
    behind.values,
  );
  const pastItems = past.rows.slice(0, input.first).map(toAppointmentView);
  const last = pastItems.at(-1);
  return {
    upcoming: soon.rows.map(toAppointmentView),
    past: pastItems,
    pastEndCursor: last ? { startsAt: last.startsAt, id: last.id } : null,
    hasMorePast: past.rows.length > input.first,
  };
}

export interface DoctorDashboard {
  /** The doctor's IANA zone (their availability's), UTC when they have none, and today's date there. */
  readonly timeZone: string;
  readonly date: string;
  /** Today's appointments in that zone, cancelled ones left out, by start. */
  readonly today: DashboardItem[];
  /** The waiting room: checked in, not yet admitted, first come first. */
  readonly waiting: DashboardItem[];
  readonly inConsultation: DashboardItem[];
  /** Still ahead, starting after today, soonest first. */
  readonly upcoming: DashboardItem[];
  /** Ended on any day, no prescription yet and the review window still open: the doctor may still write one. */
  readonly awaitingPrescription: DashboardItem[];
}

export async function doctorDashboard(
  db: Queryable,
  input: { readonly doctorId: string; readonly now: Date; readonly first: number },
): Promise<DoctorDashboard> {
  const { rows } = await db.query<{ time_zone: string; date: string; day_start: Date; day_end: Date }>(
    `WITH zone AS (
       SELECT coalesce((SELECT availability->>'timeZone' FROM doctor_search WHERE doctor_id = $1), 'UTC') AS tz)
     SELECT tz AS time_zone, to_char($2::timestamptz AT TIME ZONE tz, 'YYYY-MM-DD') AS date,
            date_trunc('day', $2::timestamptz AT TIME ZONE tz) AT TIME ZONE tz AS day_start,
            (date_trunc('day', $2::timestamptz AT TIME ZONE tz) + interval '1 day') AT TIME ZONE tz AS day_end
       FROM zone`,
    [input.doctorId, input.now.toISOString()],
  );
  const day = rows[0]!;
  const list = async (where: (p: ReturnType<typeof params>['p']) => string, order: string) => {
    const q = params();
    const condition = where(q.p);
    const { rows: found } = await db.query(
      `${APPOINTMENT_VIEW_SELECT} WHERE a.doctor_id = ${q.p(input.doctorId, 'uuid')} AND ${condition}
        ORDER BY ${order} LIMIT ${q.p(input.first, 'int')}`,
      q.values,
    );
    return found.map(toAppointmentView);
  };
  const [today, waiting, inConsultation, later, awaitingPrescription] = await Promise.all([
    list(
      (p) =>
        `a.starts_at >= ${p(day.day_start, 'timestamptz')} AND a.starts_at < ${p(day.day_end, 'timestamptz')}
         AND a.cancelled_at IS NULL`,
      'a.starts_at, a.id',
    ),
    list(() => `a.status = 'waiting'`, 'a.checked_in_at, a.id'),
    list(() => `a.status = 'in_consultation'`, 'a.consultation_started_at, a.id'),
    list(
      (p) => `a.status = ANY(${p(AHEAD, 'text[]')}) AND a.starts_at >= ${p(day.day_end, 'timestamptz')}`,
      'a.starts_at, a.id',
    ),
    list(() => `a.status = 'consultation_ended'`, 'a.consultation_ended_at DESC, a.id'),
  ]);
  return {
    timeZone: day.time_zone,
    date: day.date,
    today,
    waiting,
    inConsultation,
    upcoming: later,
    awaitingPrescription,
  };
}
