/** The doctor verification workflow on the real Temporal dev server, writing to the PostgreSQL event store. */
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deterministicEventId } from '../activities/event-ids.js';
import { doctorVerificationStreamId, doctorVerificationWorkflowId } from '../domain/doctor/index.js';
import type { AdminDecision } from '../domain/verification/index.js';
import type { EventStore } from '../eventstore/event-store.js';
import { createEventStore } from '../eventstore/index.js';
import type { Stoppable } from '../scripts/lib/services.js';
import { createTestDatabase, type TestDatabase } from '../tests/support/db.js';
import { connectTestTemporal, eventually, startTestWorker, type TestTemporal } from '../tests/support/temporal.js';
import {
  decideApplicationUpdate,
  DOCTOR_VERIFICATION_WORKFLOW_TYPE,
  submitApplicationUpdate,
  verificationViewQuery,
} from './doctor-verification.messages.js';
import type { doctorVerificationWorkflow } from './doctor-verification.workflow.js';

let db: TestDatabase;
let store: EventStore;
let temporal: TestTemporal;
let worker: Stoppable;

beforeAll(async () => {
  db = await createTestDatabase();
  store = createEventStore({ kind: 'postgres', pool: db.pool });
  temporal = await connectTestTemporal();
  worker = await startTestWorker(temporal, store, db.pool);
});
afterAll(async () => {
  await worker?.stop();
  await temporal?.close();
  await store?.close();
  await db?.close();
});

const adminId = randomUUID();

/** Submits a new application the way the API does (update-with-start); the workflow keeps running. */
async function submitNew(slaMs = 60 * 60_000) {
  const doctorId = randomUUID();
  const view = await temporal.client.workflow.executeUpdateWithStart(submitApplicationUpdate, {
    startWorkflowOperation: new WithStartWorkflowOperation<typeof doctorVerificationWorkflow>(
      DOCTOR_VERIFICATION_WORKFLOW_TYPE,
      {
        workflowId: doctorVerificationWorkflowId(doctorId),
        taskQueue: temporal.taskQueue,
        args: [{ doctorId, slaMs }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      },
    ),
  });
  const handle = temporal.client.workflow.getHandle(doctorVerificationWorkflowId(doctorId));
  const decide = (decision: AdminDecision['decision'], extra: Partial<AdminDecision> = {}) =>
    handle.executeUpdate(decideApplicationUpdate, {
      args: [{ decision, decidedBy: adminId, reasonCode: 'other', noteId: null, ...extra }],
    });
  return { doctorId, view, handle, decide };
}

const typesOf = async (doctorId: string) =>
  (await store.readStream(doctorVerificationStreamId(doctorId))).map((event) => event.type);

describe('doctor verification workflow', () => {
  it('walks an application through review, a request for information, resubmission, verification, suspension and reinstatement', async () => {
    const { doctorId, view, handle, decide } = await submitNew();
    expect(view).toMatchObject({ doctorId, status: 'submitted', revision: 0, escalated: false });
    await decide('start_review');
    const noteId = randomUUID();
    expect(await decide('request_information', { reasonCode: 'documents_missing', noteId })).toMatchObject({
      status: 'more_information_requested',
      waitingSince: null,
    });
    expect(await handle.executeUpdate(submitApplicationUpdate)).toMatchObject({ status: 'resubmitted' });
    await decide('start_review');
    await decide('verify', { reasonCode: 'licence_confirmed' });
    await decide('suspend', { reasonCode: 'complaint_under_investigation' });
    expect(await decide('reinstate', { reasonCode: 'issue_resolved' })).toMatchObject({
      status: 'verified',
      revision: 7,
    });

    const events = await store.readStream(doctorVerificationStreamId(doctorId));
    expect(events.map((e) => e.type)).toEqual([
      'ApplicationSubmitted',
      'ReviewStarted',
      'InformationRequested',
      'ApplicationResubmitted',
      'ReviewStarted',
      'DoctorVerified',
      'DoctorSuspended',
      'DoctorReinstated',
    ]);
    // Deterministic ids: a retried append is a no-op, never a second event.
    expect(events.map((e) => e.id)).toEqual(
      events.map((_, revision) => deterministicEventId(doctorVerificationStreamId(doctorId), revision)),
    );
    expect(events[2]?.data).toMatchObject({ decidedBy: adminId, reasonCode: 'documents_missing', noteId });
    expect(events[0]?.metadata).toMatchObject({ workflowId: doctorVerificationWorkflowId(doctorId) });
    expect(await handle.query(verificationViewQuery)).toMatchObject({ status: 'verified', revision: 7 });
  });

  it('refuses out-of-order decisions and malformed ones in the validator, leaving no trace', async () => {
    const { doctorId, handle, decide } = await submitNew();
    await expect(decide('verify')).rejects.toThrow(WorkflowUpdateFailedError);
    await expect(decide('reinstate')).rejects.toMatchObject({
      cause: { type: 'INVALID_STATE', message: expect.stringMatching(/Cannot reinstate/) },
    });
    await expect(decide('start_review', { reasonCode: 'because I said so' as never })).rejects.toThrow(
      WorkflowUpdateFailedError,
    );
    await expect(decide('start_review', { note: 'free text' } as never)).rejects.toThrow(WorkflowUpdateFailedError);
    await expect(handle.executeUpdate(submitApplicationUpdate)).rejects.toMatchObject({
      cause: { type: 'INVALID_STATE', message: expect.stringMatching(/cannot be submitted/) },
    });
    expect(await typesOf(doctorId)).toEqual(['ApplicationSubmitted']);
    const history = await handle.fetchHistory();
    const accepted = history.events?.filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes) ?? [];
    expect(accepted).toHaveLength(1); // the submission only
  });

  it('escalates an application that waits longer than its SLA, once per wait', async () => {
    const { doctorId, decide } = await submitNew(1_500);
    await eventually(
      async () => ((await typesOf(doctorId)).includes('ApplicationEscalated') ? true : undefined),
      20_000,
      'the SLA timer to escalate',
    );
    const escalated = await store.readStream(doctorVerificationStreamId(doctorId));
    expect(escalated[1]?.data).toMatchObject({ waitingSince: escalated[0]?.data.submittedAt });
    // Starting the review is a new wait with its own timer; a verified doctor is never escalated.
    expect(await decide('start_review')).toMatchObject({ status: 'in_review', escalated: false });
    await eventually(
      async () => ((await typesOf(doctorId)).length === 4 ? true : undefined),
      20_000,
      'the second escalation',
    );
    await decide('verify');
    expect(await typesOf(doctorId)).toEqual([
      'ApplicationSubmitted',
      'ApplicationEscalated',
      'ReviewStarted',
      'ApplicationEscalated',
      'DoctorVerified',
    ]);
  });

  it('keeps personal data out of Temporal: input, updates and results carry ids, codes and instants', async () => {
    const { handle, decide } = await submitNew();
    await decide('start_review', { noteId: randomUUID(), reasonCode: 'routine_review' });
    const history = await handle.fetchHistory();
    const decode = (data?: Uint8Array | null) => JSON.parse(Buffer.from(data ?? new Uint8Array()).toString()) as object;
    const input = decode(history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data);
    expect(Object.keys(input).sort()).toEqual(['doctorId', 'slaMs']);
    const updates = (history.events ?? [])
      .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads?.[0]?.data)
      .filter((data): data is Uint8Array => Boolean(data))
      .map(decode);
    expect(updates.map((u) => Object.keys(u).sort())).toEqual([['decidedBy', 'decision', 'noteId', 'reasonCode']]);
  });
});
