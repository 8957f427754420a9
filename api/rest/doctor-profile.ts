/** A doctor's own practice profile and online switch, and the specialization catalog. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { DomainError, conflict } from '../../domain/index.js';
import { recordAudit } from '../audit.js';
import type { ApiDeps } from '../deps.js';
import { requireAdmin, requireDoctor } from '../doctors/roles.js';
import { executePractice, loadPractice, parseIfMatch } from '../doctors/practice-store.js';
import { errorBody } from '../errors.js';
import {
  ifMatchHeaders,
  onlineBody,
  onlineResponse,
  profileResponse,
  specialization,
  specializationBody,
  specializationsResponse,
} from './doctor-practice-schemas.js';
import { practiceProfile } from '../../domain/doctor/index.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 409: errorBody, 422: errorBody };

export const doctorProfileRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const now = deps.now ?? (() => new Date());

    app.get(
      '/api/v1/doctors/me/profile',
      {
        schema: {
          summary: 'My practice profile',
          tags: ['doctor practice'],
          response: { 200: profileResponse, ...errors },
        },
      },
      async (request) => {
        const { state, revision } = await loadPractice(deps.eventStore, requireDoctor(request));
        return { profile: state.profile, online: state.online, revision };
      },
    );

    app.put(
      '/api/v1/doctors/me/profile',
      {
        schema: {
          summary: 'Set my practice profile',
          tags: ['doctor practice'],
          headers: ifMatchHeaders,
          body: practiceProfile,
          response: { 200: profileResponse, ...errors },
        },
      },
      async (request) => {
        const doctorId = requireDoctor(request);
        await assertKnownSpecializations(deps.pool, request.body.specializationIds);
        const { state, revision } = await executePractice(deps, {
          doctorId,
          actorId: doctorId,
          ifMatch: parseIfMatch(request.headers['if-match']),
          command: () => ({ type: 'UpdateProfile', doctorId, profile: request.body, now: now().toISOString() }),
        });
        return { profile: state.profile, online: state.online, revision };
      },
    );

    app.put(
      '/api/v1/doctors/me/online',
      {
        schema: {
          summary: 'Go online or offline',
          description: 'Offline doctors are not searchable and cannot be booked; booked appointments stay.',
          tags: ['doctor practice'],
          headers: ifMatchHeaders,
          body: onlineBody,
          response: { 200: onlineResponse, ...errors },
        },
      },
      async (request) => {
        const doctorId = requireDoctor(request);
        const { state, revision } = await executePractice(deps, {
          doctorId,
          actorId: doctorId,
          ifMatch: parseIfMatch(request.headers['if-match']),
          command: () => ({ type: 'SetOnline', doctorId, online: request.body.online, now: now().toISOString() }),
        });
        return { online: state.online, revision };
      },
    );

    app.get(
      '/api/v1/specializations',
      {
        schema: {
          summary: 'The specialization catalog',
          tags: ['doctor search'],
          response: { 200: specializationsResponse },
        },
      },
      async () => {
        const { rows } = await deps.pool.query<{ id: string; name: string }>(
          'SELECT id, name FROM specializations ORDER BY name',
        );
        return { items: rows };
      },
    );

    app.post(
      '/api/v1/admin/specializations',
      {
        schema: {
          summary: 'Add a specialization to the catalog (admin)',
          tags: ['admin'],
          body: specializationBody,
          response: { 201: specialization, ...errors },
        },
      },
      async (request, reply) => {
        const adminId = requireAdmin(request);
        const { id, name } = request.body;
        const { rowCount } = await deps.pool.query(
          'INSERT INTO specializations (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING',
          [id, name],
        );
        if (!rowCount) throw conflict('SPECIALIZATION_EXISTS', 'A specialization with this id or name exists.');
        await recordAudit(deps.eventStore, {
          type: 'SpecializationAdded',
          actorId: adminId,
          subjectId: adminId,
          data: { specializationId: id },
          at: now(),
        });
        return reply.code(201).send({ id, name });
      },
    );
  };

async function assertKnownSpecializations(db: Pick<pg.Pool, 'query'>, ids: readonly string[]): Promise<void> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM specializations WHERE id = ANY($1)', [ids]);
  const known = new Set(rows.map((row) => row.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new DomainError(
      'rule_violation',
      'UNKNOWN_SPECIALIZATION',
      `Not in the specialization catalog: ${unknown.join(', ')}.`,
      unknown.map((id) => ({ path: 'specializationIds', message: `${id} is not in the catalog` })),
    );
  }
}
