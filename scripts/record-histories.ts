/**
 * `npm run histories:record`: runs each appointment scenario on a throwaway Temporal dev server
 * and PostgreSQL and saves its history to tests/fixtures/histories/. The replay test replays
 * them against today's workflow code: a change that breaks determinism fails it, and must go
 * through `patched()` instead. Record again only for new scenarios, never to silence the test.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import pg from 'pg';
import { doctorVerificationWorkflowId } from '../domain/doctor/index.js';
import {
  appointmentStreamId,
  appointmentWorkflowId,
  DEFAULT_TIMINGS,
  STANDARD_POLICY,
  type AppointmentTimings,
  type BookingTerms,
} from '../domain/index.js';
import { createEventStore } from '../eventstore/index.js';
import { approveLocalCheckout } from '../tests/support/local-checkout.js';
import {
  admitUpdate,
  cancelUpdate,
  checkInUpdate,
  endUpdate,
  paymentSettledSignal,
  prescribeUpdate,
  requestedUpdate,
  reviewUpdate,
  viewQuery,
} from '../workflows/appointment.messages.js';
import type { AdminDecision } from '../domain/verification/index.js';
import type { appointmentWorkflow } from '../workflows/appointment.workflow.js';
import {
  decideApplicationUpdate,
  submitApplicationUpdate,
  verificationViewQuery,
} from '../workflows/doctor-verification.messages.js';
import type { doctorVerificationWorkflow } from '../workflows/doctor-verification.workflow.js';
import { loadConfig } from './lib/config.js';
import { freePort } from './lib/free-port.js';
import { migrate } from './lib/migrate.js';
import { ensureDatabase, startPostgres } from './lib/postgres-server.js';
import { startWorker } from './lib/services.js';
import { resolveTemporalCli } from './lib/temporal-cli.js';
import { startTemporal } from './lib/temporal-server.js';

const OUT = new URL('../tests/fixtures/histories/', import.meta.url);
/** `npm run histories:record -- doctor-verification` records only the scenarios whose names start so. */
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const selected = (name: string) => wanted.length === 0 || wanted.some((prefix) => name.startsWith(prefix));
const config = loadConfig();
const cli = await resolveTemporalCli({ explicitPath: config.TEMPORAL_CLI, cacheDir: config.CONSULTA_CACHE_DIR });
if (!cli)
  throw new Error('Recording histories needs the Temporal CLI (run `npm run temporal:install` or set TEMPORAL_CLI).');
const scratch = mkdtempSync(join(tmpdir(), 'consulta-record-'));
chmodSync(scratch, 0o755);
const postgres = await startPostgres({ dataDir: join(scratch, 'pg'), port: await freePort(), persistent: false });
const temporal = await startTemporal({
  cacheDir: config.CONSULTA_CACHE_DIR,
  namespace: 'default',
  port: await freePort(),
  cliPath: config.TEMPORAL_CLI,
});
await ensureDatabase(postgres.adminUrl, 'record');
await migrate(postgres.urlFor('record'));
const pool = new pg.Pool({ connectionString: postgres.urlFor('record') });
const eventStore = createEventStore({ kind: 'postgres', pool });
const taskQueue = 'record-histories';
// A throwaway key: the recording's local adapters sign nothing that outlives this run.
const worker = await startWorker({
  address: temporal.address,
  namespace: 'default',
  taskQueue,
  eventStore,
  pool,
  masterKey: randomBytes(32),
});
const connection = await Connection.connect({ address: temporal.address });
const client = new Client({ connection });

const startsAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
const terms: BookingTerms = {
  patientId: '9a1f7e2c-3d4b-4e5f-8a6b-7c8d9e0f1a01',
  bookedBy: '9a1f7e2c-3d4b-4e5f-8a6b-7c8d9e0f1a01',
  doctorId: '0b0e4c2a-5f1e-4a59-9a51-4d9b8c1e7a01',
  serviceId: '5e7c1d3a-2b8f-4c6d-9e0a-1f2b3c4d5e01',
  serviceName: 'General consultation (30 min)',
  method: 'video',
  startsAt,
  endsAt: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString(),
  fee: { amountMinor: 150_000, currency: 'MZN' },
  policy: STANDARD_POLICY,
};

async function scenario(
  name: string,
  options: { terms?: Partial<BookingTerms>; timings?: Partial<AppointmentTimings> },
  drive: (handle: WorkflowHandle<typeof appointmentWorkflow>, appointmentId: string) => Promise<void>,
) {
  if (!selected(name)) return;
  const appointmentId = randomUUID();
  const handle = await client.workflow.start<typeof appointmentWorkflow>('appointmentWorkflow', {
    workflowId: appointmentWorkflowId(appointmentId),
    taskQueue,
    args: [
      { appointmentId, terms: { ...terms, ...options.terms }, timings: { ...DEFAULT_TIMINGS, ...options.timings } },
    ],
  });
  await handle.executeUpdate(requestedUpdate);
  await drive(handle, appointmentId);
  await handle.result();
  save(name, handle.workflowId);
}

async function checkoutOf(appointmentId: string): Promise<string> {
  const requested = (await eventStore.readStream(appointmentStreamId(appointmentId))).find(
    (e) => e.type === 'PaymentRequested',
  );
  if (!requested) throw new Error('no checkout was opened');
  return String(requested.data.paymentId);
}

/** Pays through the same signal the webhook route sends, for the checkout the workflow opened. */
async function pay(handle: WorkflowHandle<typeof appointmentWorkflow>, appointmentId: string): Promise<void> {
  const paymentId = await checkoutOf(appointmentId);
  await handle.signal(paymentSettledSignal, {
    paymentId,
    providerEventId: await approveLocalCheckout(pool, paymentId),
    outcome: 'succeeded',
    amount: terms.fee,
  });
  while ((await handle.query(viewQuery)).status !== 'confirmed')
    await new Promise((resolve) => setTimeout(resolve, 100));
}

const soon = (seconds: number) => ({
  startsAt: new Date(Date.now() + seconds * 1000).toISOString(),
  endsAt: new Date(Date.now() + (seconds + 1) * 1000).toISOString(),
});
const SHORT = {
  joinWindowMs: 60_000,
  noShowGraceMs: 1_000,
  sessionGraceMs: 60_000,
  reviewReminderMs: 500,
  reviewWindowMs: 1_500,
  reminderOffsetsMs: [1_000],
};

/** The CLI writes the standard JSON history format that every Temporal SDK replays. */
function save(name: string, workflowId: string): void {
  const json = execFileSync(
    cli!.path,
    ['workflow', 'show', '--address', temporal.address, '--workflow-id', workflowId, '--output', 'json'],
    { encoding: 'utf8' },
  );
  writeFileSync(new URL(`${name}.json`, OUT), json);
  console.log(`recorded ${name}`);
}

/**
 * The verification workflow never completes (a verified doctor can be suspended years later), so
 * its history is taken while it waits: every step, an SLA escalation, then terminated.
 */
async function verificationScenario(name: string): Promise<void> {
  if (!selected(name)) return;
  const doctorId = '0b0e4c2a-5f1e-4a59-9a51-4d9b8c1e7a01';
  const adminId = '7a7a7a7a-7a7a-47a7-87a7-7a7a7a7a7a7a';
  const handle = await client.workflow.start<typeof doctorVerificationWorkflow>('doctorVerificationWorkflow', {
    workflowId: doctorVerificationWorkflowId(doctorId),
    taskQueue,
    args: [{ doctorId, slaMs: 1_000 }],
  });
  const decide = (
    decision: AdminDecision['decision'],
    reasonCode: AdminDecision['reasonCode'],
    noteId: string | null = null,
  ) => handle.executeUpdate(decideApplicationUpdate, { args: [{ decision, decidedBy: adminId, reasonCode, noteId }] });
  await handle.executeUpdate(submitApplicationUpdate);
  while (!(await handle.query(verificationViewQuery)).escalated)
    await new Promise((resolve) => setTimeout(resolve, 200));
  await decide('start_review', 'routine_review');
  await decide('request_information', 'documents_missing', randomUUID());
  await handle.executeUpdate(submitApplicationUpdate);
  await decide('start_review', 'routine_review');
  await decide('verify', 'licence_confirmed');
  await decide('suspend', 'complaint_under_investigation');
  await decide('reinstate', 'issue_resolved');
  await handle.terminate('history recorded');
  save(name, handle.workflowId);
}

try {
  await scenario('payment-timeout', { timings: { paymentTimeoutMs: 1_000 } }, async () => {});
  await scenario('paid-then-cancelled-by-patient', {}, async (handle, id) => {
    await pay(handle, id);
    await handle.executeUpdate(cancelUpdate, { args: [{ by: 'patient', reason: 'scheduling_conflict' }] });
  });
  await scenario('full-lifecycle', { terms: soon(3), timings: SHORT }, async (handle, id) => {
    await pay(handle, id);
    await handle.executeUpdate(checkInUpdate);
    await handle.executeUpdate(admitUpdate);
    await handle.executeUpdate(endUpdate);
    await handle.executeUpdate(prescribeUpdate, {
      args: [{ prescriptionId: randomUUID(), sealedPrescription: 'sealed-for-the-recording', medicineCount: 1 }],
    });
    await handle.executeUpdate(reviewUpdate, { args: [{ rating: 5, sealedComment: null }] });
  });
  await scenario('doctor-no-show-refunded', { terms: soon(2), timings: SHORT }, async (handle, id) => {
    await pay(handle, id);
    await handle.executeUpdate(checkInUpdate);
  });
  await scenario(
    'review-window-closed',
    { terms: { ...soon(2), fee: { amountMinor: 0, currency: 'MZN' } }, timings: SHORT },
    async (handle) => {
      await handle.executeUpdate(checkInUpdate);
      await handle.executeUpdate(admitUpdate);
      await handle.executeUpdate(endUpdate);
    },
  );
  // Paid at the provider, webhook not yet delivered, when the booking is cancelled: closing the checkout finds it paid.
  await scenario('charged-at-cancel-payment-timeout', { timings: { paymentTimeoutMs: 3_000 } }, async (_handle, id) => {
    await approveLocalCheckout(pool, await checkoutOf(id));
  });
  await scenario('charged-at-cancel-by-patient', {}, async (handle, id) => {
    await approveLocalCheckout(pool, await checkoutOf(id));
    await handle.executeUpdate(cancelUpdate, { args: [{ by: 'patient', reason: 'patient_request' }] });
  });
  await verificationScenario('doctor-verification-lifecycle');
} finally {
  await worker.stop();
  await connection.close();
  await eventStore.close();
  await pool.end();
  await temporal.stop();
  await postgres.stop();
  rmSync(scratch, { recursive: true, force: true });
}
