/**
 * GraphQL reads, through the same access policy and read functions as REST. What the caller may
 * not see is null, exactly like what does not exist.
 */
import type { IResolvers, MercuriusContext } from 'mercurius';
import { z } from 'zod';
import { actingAccount, type ActingAccount } from '../../domain/access/policy.js';
import { ownAccount } from '../access/account-queries.js';
import type { ApiDeps } from '../deps.js';
import { dependantView, profileViewOfRow } from '../patients/patient-views.js';
import {
  listVisibleAppointments,
  readAppointment,
  readAppointmentEvents,
  type AppointmentDetail,
} from '../reads/appointment-reads.js';
import { toEventResource } from '../reads/appointment-timeline.js';
import { cursorId, cursorInstant, decodeCursor, encodeCursor } from '../reads/cursors.js';
import { readDashboard, type DashboardView } from '../reads/dashboard-reads.js';
import { readOwnDependants, readOwnProfile, readPatientProfile } from '../reads/patient-reads.js';
import { readPrescription } from '../reads/prescription-reads.js';
import { readDoctorReviews } from '../reads/review-reads.js';
import { appointmentSubscription } from './appointment-subscription.js';
import { doctorQueries } from './doctor-resolvers.js';
import { orNull, parseArgs } from './resolver-args.js';

const appointmentsArgs = z.strictObject({
  first: z.number().int().min(1).max(200).default(50),
  status: z.string().max(40).nullish(),
  filter: z
    .strictObject({
      status: z.string().max(40).nullish(),
      patientId: z.uuid().nullish(),
      doctorId: z.uuid().nullish(),
    })
    .nullish(),
  after: z.string().max(400).nullish(),
});
const idArgs = z.strictObject({ id: z.uuid() });
const prescriptionArgs = z.strictObject({ appointmentId: z.uuid() });
const dashboardArgs = z.strictObject({
  as: z.enum(['patient', 'doctor']).nullish(),
  first: z.number().int().min(1).max(100).default(20),
  pastAfter: z.string().max(400).nullish(),
});
const reviewsArgs = z.strictObject({
  doctorId: z.uuid(),
  first: z.number().int().min(1).max(50).default(20),
  after: z.string().max(400).nullish(),
});

interface MeParent {
  readonly account: ActingAccount;
}

const APPOINTMENTS_CURSOR = 'appointments';

export function createResolvers(deps: ApiDeps): IResolvers {
  const acting = (context: MercuriusContext) => actingAccount(context.access);
  return {
    Query: {
      me: async (_root, _args, context): Promise<MeParent> => ({ account: acting(context) }),
      patient: async (_root, args, context) => {
        const { id } = parseArgs(idArgs, args);
        const account = acting(context);
        return orNull(async () => profileViewOfRow(await readPatientProfile(deps, account, id)));
      },
      appointments: async (_root, args, context) => {
        const { first, status, filter, after } = parseArgs(appointmentsArgs, args);
        const wanted = status ?? filter?.status;
        const cursor = after
          ? decodeCursor(after, APPOINTMENTS_CURSOR, { requestedAt: cursorInstant, id: cursorId }, 'after')
          : undefined;
        return listVisibleAppointments(deps, acting(context), {
          first,
          ...(wanted ? { status: wanted } : {}),
          ...(filter?.patientId ? { patientId: filter.patientId } : {}),
          ...(filter?.doctorId ? { doctorId: filter.doctorId } : {}),
          ...(cursor ? { after: cursor } : {}),
        });
      },
      appointment: async (_root, args, context) => {
        const { id } = parseArgs(idArgs, args);
        const account = acting(context);
        return orNull(() => readAppointment(deps, account, id));
      },
      appointmentEvents: async (_root, args, context) => {
        const { id } = parseArgs(idArgs, args);
        const account = acting(context);
        return orNull(async () => (await readAppointmentEvents(deps, account, id)).map(toEventResource));
      },
      prescription: async (_root, args, context) => {
        const { appointmentId } = parseArgs(prescriptionArgs, args);
        const account = acting(context);
        return orNull(() => readPrescription(deps, account, appointmentId));
      },
      myDashboard: async (_root, args, context) => {
        const { as, first, pastAfter } = parseArgs(dashboardArgs, args);
        return readDashboard(deps, acting(context), {
          first,
          ...(as ? { as } : {}),
          ...(pastAfter ? { pastAfter } : {}),
        });
      },
      // Public, like REST's GET /api/v1/doctors/:id/reviews: no account needed.
      doctorReviews: async (_root, args) => {
        const { doctorId, first, after } = parseArgs(reviewsArgs, args);
        return orNull(() => readDoctorReviews(deps, doctorId, { first, ...(after ? { after } : {}) }));
      },
      ...doctorQueries(deps),
    },
    Subscription: {
      appointmentStatusChanged: appointmentSubscription(deps, acting),
    },
    Appointment: {
      cursor: (appointment: AppointmentDetail) =>
        encodeCursor(APPOINTMENTS_CURSOR, { requestedAt: appointment.requestedAt, id: appointment.id }),
    },
    Dashboard: {
      resolveType: (dashboard: DashboardView) => (dashboard.role === 'doctor' ? 'DoctorDashboard' : 'PatientDashboard'),
    },
    Me: {
      account: ({ account }: MeParent) => ownAccount(deps.pool, account),
      profile: async ({ account }: MeParent) => {
        const row = await readOwnProfile(deps, account);
        return row ? profileViewOfRow(row) : null;
      },
      dependants: async ({ account }: MeParent) =>
        (await readOwnDependants(deps, account)).map((row) => dependantView(profileViewOfRow(row))),
    },
  };
}
