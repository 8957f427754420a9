/**
 * One long-lived workflow per appointment. It is the single writer of the appointment's event
 * stream: every change goes decide → record (activity) → evolve, one at a time.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import {
  appointmentStreamId,
  cancelRequest,
  decideAppointment,
  evolveAppointment,
  initialAppointmentState,
  isDomainError,
  isFinal,
  assertCancellable,
  type AppointmentCommand,
  type AppointmentState,
} from '../domain/index.js';
import {
  cancelUpdate,
  requestedUpdate,
  viewQuery,
  type AppointmentView,
  type AppointmentWorkflowInput,
} from './appointment.messages.js';

const { recordEvents } = proxyActivities<Activities>({
  startToCloseTimeout: '15 seconds',
  // An unavailable event store is retried until it is back; a revision conflict never is.
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: ['WrongExpectedRevision', 'IdempotencyConflict'],
  },
});

// Releasing is idempotent and must happen eventually (else the slot stays blocked): retry for ever.
const { releaseSlot } = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Histories recorded before slots were reserved have no release step; replay them without it. */
const RELEASE_SLOT_ON_CANCEL = 'release-slot-on-cancel';

export async function appointmentWorkflow(input: AppointmentWorkflowInput): Promise<AppointmentView> {
  const streamId = appointmentStreamId(input.appointmentId);
  let state: AppointmentState = initialAppointmentState;
  let revision = -1;
  let queue: Promise<unknown> = Promise.resolve();

  const view = (): AppointmentView => ({
    appointmentId: input.appointmentId,
    status: state.status,
    revision,
    paymentDueAt: state.status === 'none' ? null : state.paymentDueAt,
  });

  /** Decide and record one command at a time, so Update handlers and timers never interleave. */
  const execute = (command: (now: string) => AppointmentCommand): Promise<AppointmentView> => {
    const run = queue.then(async () => {
      const events = decideOrFail(command(new Date().toISOString()), state);
      if (events.length === 0) return view();
      const result = await recordEvents({ streamId, expectedRevision: revision, events });
      state = events.reduce(evolveAppointment, state);
      revision = result.nextExpectedRevision;
      // Inside the command, so a cancel Update answers only once the seat is bookable again.
      const cancelled = events.some((event) => event.type === 'AppointmentCancelled');
      if (cancelled && patched(RELEASE_SLOT_ON_CANCEL)) {
        await releaseSlot(input.appointmentId);
      }
      return view();
    });
    queue = run.catch(() => undefined);
    return run;
  };

  setHandler(viewQuery, view);
  setHandler(requestedUpdate, async () => {
    await condition(() => state.status !== 'none');
    return view();
  });
  setHandler(cancelUpdate, (cancellation) => execute((now) => ({ type: 'CancelAppointment', cancellation, now })), {
    validator: (cancellation) => {
      const parsed = cancelRequest.safeParse(cancellation);
      if (!parsed.success) {
        throw ApplicationFailure.create({
          type: 'VALIDATION_FAILED',
          message: parsed.error.issues.map((i) => i.message).join('; '),
          nonRetryable: true,
        });
      }
      assertCancellableOrFail(state);
    },
  });

  await execute((now) => ({
    type: 'RequestAppointment',
    appointmentId: input.appointmentId,
    request: input.request,
    paymentTimeoutMs: input.paymentTimeoutMs,
    now,
  }));

  const settled = await condition(() => state.status !== 'pending_payment', input.paymentTimeoutMs);
  if (!settled) await execute((now) => ({ type: 'ExpirePayment', now }));

  await condition(() => isFinal(state) && allHandlersFinished());
  return view();
}

/** Business refusals end the Update (or the workflow) as a non-retryable failure with its code. */
function decideOrFail(command: AppointmentCommand, state: AppointmentState) {
  try {
    return decideAppointment(command, state);
  } catch (error) {
    throw toFailure(error);
  }
}

function assertCancellableOrFail(state: AppointmentState): void {
  try {
    assertCancellable(state);
  } catch (error) {
    throw toFailure(error);
  }
}

function toFailure(error: unknown): unknown {
  if (!isDomainError(error)) return error;
  return ApplicationFailure.create({
    message: error.message,
    type: error.code,
    nonRetryable: true,
    details: [error.kind],
  });
}
