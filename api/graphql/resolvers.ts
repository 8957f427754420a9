/**
 * GraphQL reads, through the same access policy and read functions as REST. What the caller may
 * not see is null, exactly like what does not exist.
 */
import type { IResolvers, MercuriusContext } from 'mercurius';
import { z } from 'zod';
import { actingAccount, type ActingAccount } from '../../domain/access/policy.js';
import { DomainError } from '../../domain/index.js';
import { ownAccount } from '../access/account-queries.js';
import type { ApiDeps } from '../deps.js';
import { dependantView, profileViewOfRow } from '../patients/patient-views.js';
import { listVisibleAppointments, readAppointment } from '../reads/appointment-reads.js';
import { readOwnDependants, readOwnProfile, readPatientProfile } from '../reads/patient-reads.js';

const appointmentsArgs = z.strictObject({
  first: z.number().int().min(1).max(200).default(50),
  status: z.string().max(40).nullish(),
});
const idArgs = z.strictObject({ id: z.uuid() });

/** Arguments are validated like REST bodies; a bad one is a VALIDATION_FAILED error, not a crash. */
function parseArgs<T extends z.ZodType>(schema: T, args: unknown): z.infer<T> {
  const parsed = schema.safeParse(args);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  throw new DomainError(
    'validation',
    'VALIDATION_FAILED',
    'Invalid arguments: ' + details.map((d) => `${d.path}: ${d.message}`).join('; '),
    details,
  );
}

/** Not found (or not visible) as null, the GraphQL way; every other refusal stays an error. */
async function orNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'not_found') return null;
    throw error;
  }
}

interface MeParent {
  readonly account: ActingAccount;
}

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
        const { first, status } = parseArgs(appointmentsArgs, args);
        return listVisibleAppointments(deps, acting(context), { first, ...(status ? { status } : {}) });
      },
      appointment: async (_root, args, context) => {
        const { id } = parseArgs(idArgs, args);
        const account = acting(context);
        return orNull(() => readAppointment(deps, account, id));
      },
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
