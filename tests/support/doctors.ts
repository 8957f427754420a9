/**
 * Doctors for API tests, set up the way a doctor and an admin would: through the HTTP API. The
 * credential documents are the exception: a token-only doctor (no account row, as a test may pass
 * in) is refused by the upload route, so they are stored by the upload route's own code
 * (api/documents/).
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { doctorDocuments } from '../../api/documents/doctor-documents.js';
import type { AvailabilitySettings } from '../../domain/availability/index.js';
import { REQUIRED_DOCUMENT_KINDS } from '../../domain/doctor-document/index.js';
import type { MethodFee, PracticeProfile, ServiceDefinition } from '../../domain/doctor/index.js';
import { aPracticeProfile, anAvailability, aService, someMethods } from '../fixtures/doctors.js';
import { aPdf } from '../fixtures/files.js';
import { givenAccount } from './accounts.js';
import { anActor, type TestActor } from './auth.js';
import { platformDepsOf } from './platform.js';
import { eventually } from './temporal.js';

export interface PracticeSetup {
  readonly profile?: Partial<PracticeProfile>;
  readonly availability?: Partial<AvailabilitySettings>;
  readonly methods?: MethodFee[];
  readonly services?: ServiceDefinition[];
  readonly online?: boolean;
  /** Upload the government ID and the medical licence an application needs (default true). */
  readonly credentials?: boolean;
  /**
   * An existing doctor account to set the practice up for (default: a fresh active account with the
   * doctor role; search and booking list only doctors whose account may practise).
   */
  readonly actor?: TestActor;
}

export interface TestDoctor extends TestActor {
  readonly serviceIds: readonly string[];
}

async function send(app: FastifyInstance, actor: TestActor, method: 'PUT' | 'POST', url: string, payload?: object) {
  const response = await app.inject({ method, url, headers: actor.headers, ...(payload ? { payload } : {}) });
  if (response.statusCode >= 300) throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`);
  return response.json<Record<string, unknown>>();
}

export async function givenPractice(app: FastifyInstance, setup: PracticeSetup = {}): Promise<TestDoctor> {
  const doctor = setup.actor ?? (await givenAccount(platformDepsOf(app).pool, ['doctor']));
  await send(app, doctor, 'PUT', '/api/v1/doctors/me/profile', aPracticeProfile(setup.profile));
  await send(app, doctor, 'PUT', '/api/v1/doctors/me/availability', anAvailability(setup.availability));
  await send(app, doctor, 'PUT', '/api/v1/doctors/me/methods', { methods: setup.methods ?? someMethods() });
  const serviceIds: string[] = [];
  for (const service of setup.services ?? [aService()]) {
    const created = await send(app, doctor, 'POST', '/api/v1/doctors/me/services', service);
    serviceIds.push((created.service as { id: string }).id);
  }
  if (setup.online ?? true) await send(app, doctor, 'PUT', '/api/v1/doctors/me/online', { online: true });
  if (setup.credentials ?? true) await givenCredentials(app, doctor);
  return { ...doctor, serviceIds };
}

/** The doctor's government ID and medical licence, as small PDFs, sealed and recorded like an upload. */
export async function givenCredentials(app: FastifyInstance, doctor: TestActor): Promise<void> {
  const documents = doctorDocuments(platformDepsOf(app));
  for (const kind of REQUIRED_DOCUMENT_KINDS) {
    const file = aPdf({ name: `${kind}.pdf` });
    await documents.upload({
      doctorId: doctor.accountId,
      actorId: doctor.accountId,
      kind,
      contentType: 'application/pdf',
      bytes: file.bytes,
    });
  }
}

/** Submits, reviews and verifies the doctor's application as an admin would. */
export async function verify(app: FastifyInstance, doctor: TestActor, admin?: TestActor): Promise<void> {
  const staff = admin ?? (await anActor(['admin']));
  await send(app, doctor, 'POST', '/api/v1/doctors/me/application');
  for (const decision of ['start_review', 'verify']) {
    await send(app, staff, 'POST', `/api/v1/admin/doctor-applications/${doctor.accountId}/decision`, {
      decision,
      reason: { code: 'licence_confirmed' },
    });
  }
}

export async function givenVerifiedDoctor(app: FastifyInstance, setup: PracticeSetup = {}): Promise<TestDoctor> {
  const doctor = await givenPractice(app, setup);
  await verify(app, doctor);
  return doctor;
}

/** Waits until the projector has brought the doctor's verification status into the search read model. */
export async function verificationReaches(
  pool: Pick<pg.Pool, 'query'>,
  doctorId: string,
  status: 'verified' | 'suspended' | 'rejected',
  timeoutMs = 20_000,
): Promise<void> {
  await eventually(
    async () => {
      const { rows } = await pool.query(
        'SELECT 1 FROM doctor_search WHERE doctor_id = $1 AND verification_status = $2',
        [doctorId, status],
      );
      return rows.length ? true : undefined;
    },
    timeoutMs,
    `the doctor to be ${status} in the search read model`,
  );
}
