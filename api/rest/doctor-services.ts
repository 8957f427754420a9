/** A doctor's consultation methods with their fees, and the services they offer. */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiDeps } from '../deps.js';
import { requireDoctor } from '../doctors/roles.js';
import { executePractice, loadPractice, parseIfMatch } from '../doctors/practice-store.js';
import { errorBody } from '../errors.js';
import {
  idParams,
  ifMatchHeaders,
  methodsBody,
  methodsResponse,
  serviceBody,
  serviceResponse,
  servicesResponse,
} from './doctor-practice-schemas.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

export const doctorServiceRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const now = () => (deps.now ?? (() => new Date()))().toISOString();

    app.get(
      '/api/v1/doctors/me/methods',
      {
        schema: {
          summary: 'My consultation methods and fees',
          tags: ['doctor practice'],
          response: { 200: methodsResponse, ...errors },
        },
      },
      async (request) => {
        const { state, revision } = await loadPractice(deps.eventStore, requireDoctor(request));
        return { methods: [...state.methods], revision };
      },
    );

    app.put(
      '/api/v1/doctors/me/methods',
      {
        schema: {
          summary: 'Set my consultation methods, each with a fee in minor units and an ISO 4217 currency',
          tags: ['doctor practice'],
          headers: ifMatchHeaders,
          body: methodsBody,
          response: { 200: methodsResponse, ...errors },
        },
      },
      async (request) => {
        const doctorId = requireDoctor(request);
        const { state, revision } = await executePractice(deps, {
          doctorId,
          actorId: doctorId,
          ifMatch: parseIfMatch(request.headers['if-match']),
          command: () => ({ type: 'SetConsultationMethods', doctorId, methods: request.body.methods, now: now() }),
        });
        return { methods: [...state.methods], revision };
      },
    );

    app.get(
      '/api/v1/doctors/me/services',
      { schema: { summary: 'My services', tags: ['doctor practice'], response: { 200: servicesResponse, ...errors } } },
      async (request) => {
        const { state, revision } = await loadPractice(deps.eventStore, requireDoctor(request));
        return { items: [...state.services], revision };
      },
    );

    app.post(
      '/api/v1/doctors/me/services',
      {
        schema: {
          summary: 'Add a service',
          description: 'Its methods must be among my consultation methods (422 METHOD_NOT_OFFERED).',
          tags: ['doctor practice'],
          headers: ifMatchHeaders,
          body: serviceBody,
          response: { 201: serviceResponse, ...errors },
        },
      },
      async (request, reply) => {
        const doctorId = requireDoctor(request);
        const serviceId = randomUUID();
        const { state, revision } = await executePractice(deps, {
          doctorId,
          actorId: doctorId,
          ifMatch: parseIfMatch(request.headers['if-match']),
          command: () => ({ type: 'AddService', doctorId, serviceId, service: request.body, now: now() }),
        });
        return reply.code(201).send({ service: state.services.find((s) => s.id === serviceId)!, revision });
      },
    );

    app.put(
      '/api/v1/doctors/me/services/:id',
      {
        schema: {
          summary: 'Change a service',
          tags: ['doctor practice'],
          headers: ifMatchHeaders,
          params: idParams,
          body: serviceBody,
          response: { 200: serviceResponse, ...errors },
        },
      },
      async (request) => {
        const doctorId = requireDoctor(request);
        const serviceId = request.params.id;
        const { state, revision } = await executePractice(deps, {
          doctorId,
          actorId: doctorId,
          ifMatch: parseIfMatch(request.headers['if-match']),
          command: () => ({ type: 'UpdateService', doctorId, serviceId, service: request.body, now: now() }),
        });
        return { service: state.services.find((s) => s.id === serviceId)!, revision };
      },
    );

    app.delete(
      '/api/v1/doctors/me/services/:id',
      {
        schema: {
          summary: 'Remove a service',
          description: 'Appointments already booked for it stay booked.',
          tags: ['doctor practice'],
          headers: ifMatchHeaders,
          params: idParams,
          response: { 204: z.null().describe('Removed'), ...errors },
        },
      },
      async (request, reply) => {
        const doctorId = requireDoctor(request);
        await executePractice(deps, {
          doctorId,
          actorId: doctorId,
          ifMatch: parseIfMatch(request.headers['if-match']),
          command: () => ({ type: 'RemoveService', doctorId, serviceId: request.params.id, now: now() }),
        });
        return reply.code(204).send(null);
      },
    );
  };
