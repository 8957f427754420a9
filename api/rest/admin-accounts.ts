/**
 * Account administration: find accounts, grant and revoke roles, suspend and reinstate. Admins
 * only, with a second factor; the role is checked against the database as well as the token, so
 * a revoked admin loses these routes at once rather than when the access token expires.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/shared/errors.js';
import { role } from '../../domain/identity/roles.js';
import { grantRole, listAccounts, revokeRole, setAccountStatus } from '../auth/account-admin.js';
import { findAccountById, rolesOf } from '../auth/accounts.js';
import { authDepsFrom } from '../auth/auth-deps.js';
import { requireAccount } from '../auth/authenticate.js';
import { requireAdmin } from '../auth/require-mfa.js';
import type { ApiDeps } from '../deps.js';
import { errorBody } from '../errors.js';
import { accountSummary } from './auth-schemas.js';

const idParams = z.object({ id: z.uuid() });
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export const adminAccountRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const auth = authDepsFrom(deps);

    app.addHook('preHandler', async (request: FastifyRequest) => {
      await requireAdmin(request);
      const { accountId } = requireAccount(request);
      const [account, roles] = await Promise.all([
        findAccountById(auth.pool, accountId),
        rolesOf(auth.pool, accountId),
      ]);
      if (account?.status !== 'active' || !roles.includes('admin'))
        throw new DomainError('forbidden', 'ADMIN_ONLY', 'Only administrators can do this.');
    });
    const adminId = (request: FastifyRequest) => requireAccount(request).accountId;

    app.get(
      '/api/v1/admin/accounts',
      {
        schema: {
          summary: 'Accounts whose email starts with the given text (50 at most)',
          tags: ['admin'],
          querystring: z.object({ email: z.string().trim().max(254).optional() }),
          response: { 200: z.object({ items: z.array(accountSummary) }), ...errors },
        },
      },
      async (request) => ({ items: await listAccounts(auth, request.query.email || undefined) }),
    );

    app.post(
      '/api/v1/admin/accounts/:id/roles',
      {
        schema: {
          summary: 'Grant a role',
          tags: ['admin'],
          params: idParams,
          body: z.strictObject({ role }),
          response: { 200: accountSummary, ...errors },
        },
      },
      async (request) =>
        grantRole(auth, { adminId: adminId(request), accountId: request.params.id, role: request.body.role }),
    );

    app.delete(
      '/api/v1/admin/accounts/:id/roles/:role',
      {
        schema: {
          summary: 'Revoke a role (it reaches the account’s sessions at their next refresh, within 15 minutes)',
          tags: ['admin'],
          params: z.object({ id: z.uuid(), role }),
          response: { 200: accountSummary, ...errors },
        },
      },
      async (request) =>
        revokeRole(auth, { adminId: adminId(request), accountId: request.params.id, role: request.params.role }),
    );

    for (const [action, status] of [
      ['suspend', 'suspended'],
      ['reinstate', 'active'],
    ] as const) {
      app.post(
        `/api/v1/admin/accounts/:id/${action}`,
        {
          schema: {
            summary: action === 'suspend' ? 'Suspend an account and end its sessions' : 'Reinstate a suspended account',
            tags: ['admin'],
            params: idParams,
            response: { 200: accountSummary, ...errors },
          },
        },
        async (request) => setAccountStatus(auth, { adminId: adminId(request), accountId: request.params.id, status }),
      );
    }
  };
