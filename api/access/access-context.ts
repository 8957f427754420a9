/**
 * The one access context per request: resolved on first use from request.actor, the account
 * store (status, roles) and the patients read model (dependants), then cached on the request.
 * Every REST route and GraphQL resolver asks the policy (domain/access/policy.ts) through it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type pg from 'pg';
import {
  actingAccount,
  actsForPatient,
  resolveAccess,
  type AccessContext,
  type ActingAccount,
} from '../../domain/access/policy.js';
import { guardianInHistory, patientStreamId } from '../../domain/index.js';
import type { EventStore } from '../../eventstore/event-store.js';
import { dependantIdsOf } from '../../projections/index.js';
import { findStoredAccount } from './account-queries.js';

const contexts = new WeakMap<FastifyRequest, Promise<AccessContext>>();

export function accessContextOf(request: FastifyRequest, pool: pg.Pool): Promise<AccessContext> {
  let context = contexts.get(request);
  if (!context) {
    context = buildAccessContext(request, pool);
    contexts.set(request, context);
  }
  return context;
}

async function buildAccessContext(request: FastifyRequest, pool: pg.Pool): Promise<AccessContext> {
  const actor = request.actor;
  if (actor.kind !== 'account') return resolveAccess({ actor, account: undefined, dependantIds: [] });
  const [account, dependantIds] = await Promise.all([
    findStoredAccount(pool, actor.accountId),
    dependantIdsOf(pool, actor.accountId),
  ]);
  return resolveAccess({ actor, account, dependantIds });
}

/** The acting account, or 401 AUTHENTICATION_REQUIRED / 403 MFA_REQUIRED. */
export async function actingAccountOf(request: FastifyRequest, pool: pg.Pool): Promise<ActingAccount> {
  return actingAccount(await accessContextOf(request, pool));
}

/**
 * Makes every route of the calling plugin (an encapsulated context) protected: the access context
 * is resolved before the body is even parsed, so a caller who may do nothing learns nothing.
 */
export function protectRoutes(app: FastifyInstance, pool: pg.Pool): void {
  app.addHook('onRequest', async (request) => {
    await actingAccountOf(request, pool);
  });
}

/**
 * The dependants in the access context come from the read model, which may lag the dependant's
 * stream both ways: one registered a moment ago is not listed yet, and a context resolved before
 * a removal (a subscription socket keeps its own) still lists the former dependant. So when a
 * request names a patient other than the account itself, a patient account is checked against
 * that patient's own stream (the source of truth), whose registration and removal name the
 * guardian in plain text: the account acts for them exactly when the stream's guardian is it.
 */
export async function withFreshDependant(
  eventStore: EventStore,
  account: ActingAccount,
  patientId: string,
): Promise<ActingAccount> {
  if (patientId === account.accountId || !account.roles.includes('patient')) return account;
  const guardianId = guardianInHistory(await eventStore.readStream(patientStreamId(patientId)));
  const listed = actsForPatient(account, patientId);
  if (guardianId === account.accountId) {
    return listed ? account : { ...account, patientIds: [...account.patientIds, patientId] };
  }
  return listed ? { ...account, patientIds: account.patientIds.filter((id) => id !== patientId) } : account;
}
