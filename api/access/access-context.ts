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
import { patientStreamId } from '../../domain/index.js';
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
 * The dependants in the access context come from the read model, which may lag a dependant
 * registered a moment ago. When a request names a patient the context does not list, a patient
 * account is checked against that patient's own stream (the source of truth): its first event
 * names the guardian in plain text.
 */
export async function withFreshDependant(
  eventStore: EventStore,
  account: ActingAccount,
  patientId: string,
): Promise<ActingAccount> {
  if (actsForPatient(account, patientId) || !account.roles.includes('patient')) return account;
  const [first] = await eventStore.readStream(patientStreamId(patientId), { maxCount: 1 });
  const guardianId = first?.type === 'DependantRegistered' ? first.data.guardianId : undefined;
  return guardianId === account.accountId ? { ...account, patientIds: [...account.patientIds, patientId] } : account;
}
