/**
 * The signed-in account's dashboard, shared by REST (GET /api/v1/me/dashboard) and GraphQL
 * (myDashboard): as a patient, their upcoming and past appointments and their dependants'; as a
 * doctor, today's queue in their time zone, the waiting room, who is in consultation now and
 * what comes after today. Only the caller's own appointments, as the access policy scopes them.
 */
import { dashboardsOf, type ActingAccount } from '../../domain/access/policy.js';
import { DomainError } from '../../domain/index.js';
import { doctorDashboard, patientDashboard } from '../../projections/index.js';
import type { ApiDeps } from '../deps.js';
import { toDetail, type AppointmentDetail } from './appointment-reads.js';
import { cursorId, cursorInstant, decodeCursor, encodeCursor } from './cursors.js';

type Deps = Pick<ApiDeps, 'pool' | 'now' | 'settings'>;

export type DashboardRole = 'patient' | 'doctor';

export type DashboardView =
  | {
      readonly role: 'patient';
      readonly upcoming: AppointmentDetail[];
      readonly past: AppointmentDetail[];
      readonly pageInfo: { readonly endCursor: string | null; readonly hasNextPage: boolean };
    }
  | {
      readonly role: 'doctor';
      readonly timeZone: string;
      readonly date: string;
      readonly today: AppointmentDetail[];
      readonly waiting: AppointmentDetail[];
      readonly inConsultation: AppointmentDetail[];
      readonly upcoming: AppointmentDetail[];
      readonly awaitingPrescription: AppointmentDetail[];
    };

const noDashboard = () =>
  new DomainError('forbidden', 'NO_DASHBOARD', 'Dashboards are for patients and doctors; this account is neither.');

export async function readDashboard(
  deps: Deps,
  account: ActingAccount,
  options: { readonly as?: DashboardRole; readonly first: number; readonly pastAfter?: string },
): Promise<DashboardView> {
  const dashboards = dashboardsOf(account);
  // Without `as`, a doctor who is also a patient sees their practice first.
  const dashboard = options.as ? dashboards.find((d) => d.kind === options.as) : dashboards[0];
  if (!dashboard) throw noDashboard();
  const now = (deps.now ?? (() => new Date()))();
  const detail = (views: Parameters<typeof toDetail>[2][]) => views.map((view) => toDetail(deps, account, view));
  if (dashboard.kind === 'doctor') {
    const day = await doctorDashboard(deps.pool, { doctorId: dashboard.doctorId, now, first: options.first });
    return {
      role: 'doctor',
      timeZone: day.timeZone,
      date: day.date,
      today: detail(day.today),
      waiting: detail(day.waiting),
      inConsultation: detail(day.inConsultation),
      upcoming: detail(day.upcoming),
      awaitingPrescription: detail(day.awaitingPrescription),
    };
  }
  const pastAfter = options.pastAfter
    ? decodeCursor(
        options.pastAfter,
        'dashboard-past',
        { startsAt: cursorInstant, id: cursorId },
        'querystring.pastAfter',
      )
    : undefined;
  const mine = await patientDashboard(deps.pool, {
    patientIds: dashboard.patientIds,
    now,
    first: options.first,
    ...(pastAfter ? { pastAfter } : {}),
  });
  return {
    role: 'patient',
    upcoming: detail(mine.upcoming),
    past: detail(mine.past),
    pageInfo: {
      endCursor: mine.pastEndCursor ? encodeCursor('dashboard-past', { ...mine.pastEndCursor }) : null,
      hasNextPage: mine.hasMorePast,
    },
  };
}
