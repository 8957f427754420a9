/**
 * The doctor practice reads in GraphQL, through the same gates (api/doctors/roles.ts) and the same
 * read functions as their REST routes, so the two cannot drift: what REST answers 404 is null here,
 * what it refuses (401, 403) is an error with the same code.
 */
import type { IFieldResolver, MercuriusContext } from 'mercurius';
import { z } from 'zod';
import { listApplications } from '../../projections/doctors/application-queries.js';
import { requireAccount } from '../auth/authenticate.js';
import type { ApiDeps } from '../deps.js';
import { loadPractice } from '../doctors/practice-store.js';
import { requireAdmin, requireDoctor } from '../doctors/roles.js';
import { namedSpecializations } from '../doctors/specialization-catalog.js';
import { applicationStatus } from '../rest/doctor-application-schemas.js';
import { readApplicationForReview, readOwnApplication } from '../reads/doctor-application-reads.js';
import {
  doctorSearchFields,
  doctorSearchText,
  doctorSlotsQuery,
  FEES_NEED_CURRENCY,
  feesHaveCurrency,
  readDoctorSlots,
  readPublicDoctor,
  searchDoctorCards,
  type DoctorSearchQuery,
} from '../reads/doctor-search-reads.js';
import { orNull, parseArgs, withoutNulls } from './resolver-args.js';

/** REST's search filters, with the free text named query rather than q. */
const doctorsArgs = z
  .strictObject({ query: doctorSearchText.optional(), ...doctorSearchFields })
  .refine(feesHaveCurrency, FEES_NEED_CURRENCY)
  .transform(({ query, ...filters }): DoctorSearchQuery => ({ ...filters, ...(query ? { q: query } : {}) }));
const idArgs = z.strictObject({ id: z.uuid() });
const slotsArgs = doctorSlotsQuery.extend({ id: z.uuid() });
/** REST's queue filters (api/rest/doctor-application-schemas.ts), with booleans for its 'true'/'false'. */
const queueArgs = z.strictObject({
  status: applicationStatus.optional(),
  waiting: z.boolean().default(true),
  escalated: z.boolean().default(false),
  first: z.number().int().min(1).max(200).default(50),
});

type Resolver = IFieldResolver<unknown, MercuriusContext, Record<string, unknown>>;

export function doctorQueries(deps: ApiDeps): Record<string, Resolver> {
  return {
    doctors: async (_root, args) => searchDoctorCards(deps, parseArgs(doctorsArgs, withoutNulls(args))),
    doctor: async (_root, args) => {
      const { id } = parseArgs(idArgs, args);
      return orNull(() => readPublicDoctor(deps, id));
    },
    // Only an unknown doctor is null: an unknown service or a bad range is an error to fix, as in REST.
    doctorSlots: async (_root, args) => {
      const { id, ...query } = parseArgs(slotsArgs, withoutNulls(args));
      return orNull(() => readDoctorSlots(deps, id, query), 'DOCTOR_NOT_FOUND');
    },
    // The REST GETs of /doctors/me/{profile,availability,blocked-times,methods,services} in one read.
    myPractice: async (_root, _args, context) => {
      const doctorId = requireDoctor(context);
      const { state, revision } = await loadPractice(deps.eventStore, doctorId);
      return {
        doctorId,
        revision,
        profile: state.profile,
        // As REST's GET /doctors/me/profile names them, from the same read of the same stream.
        specializations: await namedSpecializations(deps.pool, state.profile?.specializationIds ?? []),
        online: state.online,
        availability: state.availability,
        blockedTimes: state.blocked,
        methods: state.methods,
        services: state.services,
      };
    },
    myDoctorApplication: async (_root, _args, context) => readOwnApplication(deps, requireDoctor(context)),
    doctorApplications: async (_root, args, context) => {
      requireAdmin(context);
      const { status, waiting, escalated, first } = parseArgs(queueArgs, withoutNulls(args));
      return listApplications(deps.pool, {
        first,
        ...(status ? { status } : {}),
        waitingOnly: waiting,
        escalatedOnly: escalated,
      });
    },
    doctorApplication: async (_root, args, context) => {
      const adminId = requireAdmin(context);
      const { id } = parseArgs(idArgs, args);
      const { roles } = requireAccount(context);
      return orNull(() => readApplicationForReview(deps, { accountId: adminId, roles }, id));
    },
  };
}
