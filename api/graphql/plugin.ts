/**
 * Mercurius at /graphql (GraphiQL at /graphiql): an authenticated context per request, a depth
 * and a cost limit on every document, and domain errors carried as extension codes.
 */
import type { FastifyInstance } from 'fastify';
import type { DocumentNode, GraphQLError } from 'graphql';
import mercurius from 'mercurius';
import { DomainError } from '../../domain/index.js';
import type { ApiDeps } from '../deps.js';
import { listenForAppointmentChanges, type ChangeListener } from './appointment-changes.js';
import { appointmentChangedTopic, type AppointmentChangedPayload } from './appointment-subscription.js';
import { graphqlContext } from './context.js';
import { costLimitRule } from './cost-limit.js';
import { depthLimitRule } from './depth-limit.js';
import { graphql } from './graphql-cjs.js';
import { createResolvers } from './resolvers.js';
import { schema } from './schema.js';
import { authorizeConnection } from './subscription-auth.js';

interface FormattedError {
  message: string;
  locations?: GraphQLError['locations'];
  path?: GraphQLError['path'];
  extensions: { code: string; [key: string]: unknown };
}

export async function registerGraphql(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  await app.register(mercurius, {
    schema,
    resolvers: createResolvers(deps),
    graphiql: true,
    path: '/graphql',
    context: (request) => graphqlContext(request, deps.pool),
    // Subscriptions over WebSocket (graphql-transport-ws, or the older graphql-ws): who is on the
    // socket comes from the upgrade request or connection_init (subscription-auth.ts). Browsers
    // always send Origin: only the web app's origins may open a socket that carries its cookie.
    subscription: {
      context: (_socket, request) => graphqlContext(request, deps.pool),
      onConnect: ({ payload }) => authorizeConnection(deps, payload),
      verifyClient: (info, next) => next(!info.origin || deps.corsOrigins.includes(info.origin), 403),
    },
    // Depth (7 for data) and cost limits as validation rules: see depth-limit.ts for why not `queryDepth`.
    validationRules: [depthLimitRule(), costLimitRule()],
    errorFormatter: (execution, context) => {
      const formatted = mercurius.defaultErrorFormatter(execution, context);
      const errors = (execution.errors ?? []).flatMap(unwrapValidation).map((error) => format(app, error));
      // A document refused by validation (any number of errors) is a 400; domain errors are the
      // client's to fix but the request was fine: 200 with `errors`, as GraphQL clients expect.
      const invalid = (execution.errors ?? []).some(
        (error) => (error.originalError as { code?: unknown } | undefined)?.code === 'MER_ERR_GQL_VALIDATION',
      );
      const internal = errors.some((e) => e.extensions.code === 'INTERNAL');
      return {
        statusCode: internal ? 500 : invalid ? 400 : formatted.statusCode === 500 ? 200 : formatted.statusCode,
        response: { data: formatted.response.data ?? null, errors },
      };
    },
  });
  // The projector announces committed appointment changes on PostgreSQL; each goes to the
  // subscribers of that appointment.
  // Listening starts with the app, so an app built and never started holds no connection open.
  let changes: ChangeListener | undefined;
  app.addHook('onReady', async () => {
    changes = listenForAppointmentChanges({
      connection: deps.pool.options,
      log: app.log,
      onChange: (change) => {
        const payload: AppointmentChangedPayload = { appointmentStatusChanged: change };
        app.graphql.pubsub.publish({ topic: appointmentChangedTopic(change.id), payload });
      },
    });
    await changes.ready;
  });
  app.addHook('onClose', async () => changes?.stop());

  // Anonymous callers may ask only for what is not sensitive, and the schema is not that:
  // introspection needs a signed-in account. preExecution runs for cached documents too.
  app.graphql.addHook('preExecution', async (_schema, document, context) => {
    if (context.access.kind === 'nobody' && introspects(document)) {
      throw new DomainError('unauthenticated', 'AUTHENTICATION_REQUIRED', 'Log in to introspect the schema.');
    }
  });
}

/** Mercurius wraps validation failures (specification rules, depth, cost) in one error holding them all. */
function unwrapValidation(error: GraphQLError): Array<GraphQLError | Error> {
  const inner = (error.originalError as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(inner) ? (inner as Array<GraphQLError | Error>) : [error];
}

function format(app: FastifyInstance, error: GraphQLError | Error): FormattedError {
  const graphqlError = error instanceof graphql.GraphQLError ? error : undefined;
  const original = graphqlError ? graphqlError.originalError : error;
  const where = { locations: graphqlError?.locations, path: graphqlError?.path };
  if (original instanceof DomainError) {
    return { message: original.message, ...where, extensions: { code: original.code, details: original.details } };
  }
  if (original instanceof mercurius.ErrorWithProps) {
    const extensions = (original.extensions ?? {}) as Record<string, unknown>;
    const code = typeof extensions.code === 'string' ? extensions.code : 'BAD_REQUEST';
    return { message: original.message, ...where, extensions: { ...extensions, code } };
  }
  const status = (original as { statusCode?: unknown } | undefined)?.statusCode;
  if (original && !(typeof status === 'number' && status >= 400 && status < 500)) {
    app.log.error({ err: original }, 'graphql resolver failed');
    return { message: 'Something went wrong on our side.', ...where, extensions: { code: 'INTERNAL' } };
  }
  // Syntax and validation errors; our own rules (the cost limit) bring their code along.
  const own = graphqlError?.extensions?.code;
  return {
    message: error.message,
    ...where,
    extensions: {
      ...(graphqlError?.extensions ?? {}),
      code: typeof own === 'string' ? own : original ? 'BAD_REQUEST' : 'GRAPHQL_VALIDATION_FAILED',
    },
  };
}

function introspects(document: DocumentNode): boolean {
  let found = false;
  graphql.visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}
