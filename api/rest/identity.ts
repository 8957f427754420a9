/** Every identity route: sign-up, login, sessions, passwords, two-factor, account admin, dev outbox. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { servesDevTools, type ApiDeps } from '../deps.js';
import { adminAccountRoutes } from './admin-accounts.js';
import { authLoginRoutes } from './auth-login.js';
import { authPasswordRoutes } from './auth-password.js';
import { authRegisterRoutes } from './auth-register.js';
import { authSessionRoutes } from './auth-session.js';
import { authTotpRoutes } from './auth-totp.js';
import { devOutboxRoutes } from './dev-outbox.js';

export const identityRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(authRegisterRoutes(deps));
    await app.register(authLoginRoutes(deps));
    await app.register(authSessionRoutes(deps));
    await app.register(authPasswordRoutes(deps));
    await app.register(authTotpRoutes(deps));
    await app.register(adminAccountRoutes(deps));
    // Outside production only: the outbox holds codes and links meant for someone's phone or inbox.
    if (servesDevTools(deps)) await app.register(devOutboxRoutes(deps));
  };
