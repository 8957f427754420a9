/**
 * Builds the Fastify app: validation with zod on every route (responses too, so no field leaks),
 * OpenAPI at /api/docs, GraphQL at /graphql, one error format.
 */
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { createJsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { authenticate } from './auth/authenticate.js';
import { servesDevTools, type ApiDeps } from './deps.js';
import { paymentsOf } from './effect-ports.js';
import { LOCAL_PROVIDER } from '../activities/adapters/local-payments.js';
import { createChromiumRenderer, DEFAULT_CHROMIUM_PATH } from '../activities/adapters/chromium-renderer.js';
import { registerErrorHandling } from './errors.js';
import { registerGraphql } from './graphql/plugin.js';
import { appointmentRoutes } from './rest/appointments.js';
import { doctorApplicationRoutes } from './rest/doctor-applications.js';
import { doctorAvailabilityRoutes } from './rest/doctor-availability.js';
import { doctorProfileRoutes } from './rest/doctor-profile.js';
import { adminSpecializationRoutes } from './rest/admin-specializations.js';
import { doctorPhotoRoutes } from './rest/doctor-photo.js';
import { doctorSearchRoutes } from './rest/doctor-search.js';
import { documentRoutes } from './rest/documents.js';
import { fileRoutes } from './rest/files.js';
import { doctorServiceRoutes } from './rest/doctor-services.js';
import { healthRoutes } from './rest/health.js';
import { meRoutes } from './rest/me.js';
import { patientRoutes } from './rest/patients.js';
import { paymentWebhookRoutes } from './rest/payments.js';
import { devCheckoutRoutes } from './rest/dev-checkout.js';
import { identityRoutes } from './rest/identity.js';
import { dashboardRoutes } from './rest/dashboards.js';
import { doctorReviewRoutes } from './rest/doctor-reviews.js';
import { financeLedgerRoutes } from './rest/finance-ledger.js';
import { prescriptionRoutes } from './rest/prescriptions.js';
import { receiptRoutes } from './rest/receipts.js';

export const BODY_LIMIT_BYTES = 64 * 1024;

export async function buildApp(
  deps: ApiDeps,
  options: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<FastifyInstance> {
  // Pino's default request serializer logs method, url and ids, never bodies or headers' values.
  const app = Fastify({
    logger: withRedaction(options.logger ?? false),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: deps.trustProxy?.length ? [...deps.trustProxy] : false,
  });
  registerErrorHandling(app);

  // The API answers JSON; its only HTML (API docs, GraphiQL) loads inline scripts, so no CSP here.
  await app.register(helmet, { contentSecurityPolicy: false, crossOriginEmbedderPolicy: false });
  await app.register(cors, { origin: [...deps.corsOrigins], credentials: true });
  // A ceiling per client address; login and OTP have their own, much lower, per-account limits.
  await app.register(rateLimit, { global: true, max: 600, timeWindow: '1 minute' });
  await app.register(cookie);
  await app.register(authenticate, { masterKey: deps.masterKey });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Consulta API',
        version: '0.1.0',
        description: 'Commands (REST) and reads for the Consulta telemedicine platform.',
      },
    },
    transform: createJsonSchemaTransform({ skipList: ['/graphql', '/graphiql', '/graphiql/*'] }),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // Mercurius brings JSON-schema routes of its own, so the zod compilers live in a child context.
  await registerGraphql(app, deps);
  await app.register(async (rest) => {
    rest.setValidatorCompiler(validatorCompiler);
    rest.setSerializerCompiler(serializerCompiler);
    await rest.register(healthRoutes(deps));
    await rest.register(appointmentRoutes(deps));
    await rest.register(meRoutes(deps));
    await rest.register(patientRoutes(deps));
    await rest.register(identityRoutes(deps));
    await rest.register(doctorProfileRoutes(deps));
    await rest.register(adminSpecializationRoutes(deps));
    await rest.register(doctorAvailabilityRoutes(deps));
    await rest.register(doctorServiceRoutes(deps));
    await rest.register(doctorApplicationRoutes(deps));
    await rest.register(doctorSearchRoutes(deps));
    await rest.register(doctorPhotoRoutes(deps));
    await rest.register(documentRoutes(deps));
    await rest.register(fileRoutes(deps));
    await rest.register(dashboardRoutes(deps));
    // One browser for every printed document, launched on the first PDF (not at start-up), closed with the app.
    const renderer = deps.documentRenderer ?? createChromiumRenderer({ executablePath: DEFAULT_CHROMIUM_PATH });
    app.addHook('onClose', () => renderer.close());
    await rest.register(prescriptionRoutes(deps, renderer));
    await rest.register(receiptRoutes(deps, renderer));
    await rest.register(doctorReviewRoutes(deps));
    await rest.register(financeLedgerRoutes(deps));
    await rest.register(paymentWebhookRoutes(deps));
    // The local payments adapter's test checkout: outside production (or a demo stack), only with that adapter.
    if (servesDevTools(deps) && paymentsOf(deps).provider === LOCAL_PROVIDER) {
      await rest.register(devCheckoutRoutes(deps));
    }
  });
  return app;
}

/**
 * Request logs carry method, URL and ids only; a signed file link in a URL is a capability, so it
 * is cut out of the log line.
 */
export function withRedaction(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger || typeof logger !== 'object') return logger;
  return {
    ...logger,
    serializers: {
      req: (request: { method: string; url: string; id?: string }) => ({
        method: request.method,
        url: request.url.replace(/\/api\/v1\/files\/[^/?#]+/, '/api/v1/files/[redacted]'),
        reqId: request.id,
      }),
    },
  };
}
