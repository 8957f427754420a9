/**
 * The API side of doctor verification: submitting through update-with-start, admin decisions
 * through a validated Update, and the application's timeline read from its stream. Admins' notes
 * are written to their own stream first and only their id goes to Temporal.
 */
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowNotFoundError } from '@temporalio/client';
import {
  doctorVerificationStreamId,
  doctorVerificationWorkflowId,
  verificationNotesStreamId,
} from '../../domain/doctor/index.js';
import { notFound } from '../../domain/index.js';
import {
  isVerificationEventType,
  parseVerificationEvent,
  type AdminDecisionKind,
  type VerificationReasonCode,
  type VerificationStatus,
} from '../../domain/verification/index.js';
import type { EventStore } from '../../eventstore/index.js';
import {
  decideApplicationUpdate,
  DOCTOR_VERIFICATION_WORKFLOW_TYPE,
  submitApplicationUpdate,
  type VerificationView,
} from '../../workflows/doctor-verification.messages.js';
import type { doctorVerificationWorkflow } from '../../workflows/doctor-verification.workflow.js';
import type { ApiDeps } from '../deps.js';
import { fromTemporalError } from '../temporal-errors.js';

export async function submitApplication(deps: ApiDeps, doctorId: string, slaMs: number): Promise<VerificationView> {
  try {
    return await deps.temporal.client.workflow.executeUpdateWithStart(submitApplicationUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation<typeof doctorVerificationWorkflow>(
        DOCTOR_VERIFICATION_WORKFLOW_TYPE,
        {
          workflowId: doctorVerificationWorkflowId(doctorId),
          taskQueue: deps.temporal.taskQueue,
          args: [{ doctorId, slaMs }],
          workflowIdConflictPolicy: 'USE_EXISTING',
        },
      ),
    });
  } catch (error) {
    throw fromTemporalError(error) ?? error;
  }
}

export async function decideApplication(
  deps: ApiDeps,
  input: {
    readonly doctorId: string;
    readonly adminId: string;
    readonly decision: AdminDecisionKind;
    readonly reasonCode: VerificationReasonCode;
    readonly note?: string;
  },
): Promise<VerificationView> {
  const noteId = input.note ? await writeNote(deps.eventStore, input.doctorId, input.adminId, input.note, deps) : null;
  try {
    return await deps.temporal.client.workflow
      .getHandle(doctorVerificationWorkflowId(input.doctorId))
      .executeUpdate(decideApplicationUpdate, {
        args: [{ decision: input.decision, decidedBy: input.adminId, reasonCode: input.reasonCode, noteId }],
      });
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) {
      throw notFound('APPLICATION_NOT_FOUND', 'This doctor has not applied for verification.');
    }
    throw fromTemporalError(error) ?? error;
  }
}

async function writeNote(
  eventStore: EventStore,
  doctorId: string,
  authorId: string,
  text: string,
  deps: Pick<ApiDeps, 'now'>,
): Promise<string> {
  const noteId = randomUUID();
  const writtenAt = (deps.now ?? (() => new Date()))().toISOString();
  await eventStore.appendToStream(
    verificationNotesStreamId(doctorId),
    [{ id: noteId, type: 'VerificationNoteWritten', data: { noteId, doctorId, authorId, text, writtenAt } }],
    { expectedRevision: 'any' },
  );
  return noteId;
}

export interface TimelineEntry {
  readonly type: string;
  readonly at: string;
  readonly status: VerificationStatus | null;
  readonly reasonCode: string | null;
  readonly note: string | null;
}

const STATUS_AFTER: Partial<Record<string, VerificationStatus>> = {
  ApplicationSubmitted: 'submitted',
  ApplicationResubmitted: 'resubmitted',
  ReviewStarted: 'in_review',
  DoctorVerified: 'verified',
  ApplicationRejected: 'rejected',
  InformationRequested: 'more_information_requested',
  DoctorSuspended: 'suspended',
  DoctorReinstated: 'verified',
};

/** The application's history as the doctor sees it: steps, reason codes and notes, not who decided. */
export async function readTimeline(
  eventStore: EventStore,
  doctorId: string,
): Promise<{ status: VerificationStatus; escalated: boolean; timeline: TimelineEntry[] }> {
  const [events, notes] = await Promise.all([
    eventStore.readStream(doctorVerificationStreamId(doctorId)),
    eventStore.readStream(verificationNotesStreamId(doctorId)),
  ]);
  const noteText = new Map(notes.map((n) => [String(n.data.noteId), String(n.data.text)]));
  let status: VerificationStatus = 'none';
  let escalated = false;
  const timeline: TimelineEntry[] = [];
  for (const stored of events) {
    if (!isVerificationEventType(stored.type)) continue;
    const event = parseVerificationEvent(stored.type, stored.data);
    status = STATUS_AFTER[event.type] ?? status;
    escalated = event.type === 'ApplicationEscalated' || (escalated && STATUS_AFTER[event.type] === undefined);
    const decision = 'decidedBy' in event.data ? event.data : null;
    timeline.push({
      type: event.type,
      at: stored.recordedAt.toISOString(),
      status: STATUS_AFTER[event.type] ?? null,
      reasonCode: decision?.reasonCode ?? null,
      note: decision?.noteId ? (noteText.get(decision.noteId) ?? null) : null,
    });
  }
  return { status, escalated, timeline };
}
