/**
 * One long-lived workflow per doctor's application (id `doctor-verification/<doctorId>`), the
 * single writer of its stream: every step goes decide → record (activity) → evolve, one at a time.
 * Admins act through validated Updates; a durable SLA timer escalates an application that has
 * waited for an admin longer than `slaMs`. Long histories continue as new, carrying the state.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { doctorVerificationStreamId } from '../domain/doctor/doctor.ids.js';
import { isDomainError } from '../domain/shared/errors.js';
import {
  adminDecision,
  assertCanDecide,
  assertCanSubmit,
  AWAITING_ADMIN,
  decideVerification,
  evolveVerification,
  initialVerificationState,
  type VerificationCommand,
  type VerificationState,
} from '../domain/verification/index.js';
import {
  decideApplicationUpdate,
  submitApplicationUpdate,
  verificationViewQuery,
  type DoctorVerificationInput,
  type VerificationView,
} from './doctor-verification.messages.js';

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

export async function doctorVerificationWorkflow(input: DoctorVerificationInput): Promise<VerificationView> {
  const { doctorId } = input;
  const streamId = doctorVerificationStreamId(doctorId);
  let state: VerificationState = input.carried?.state ?? initialVerificationState;
  let revision = input.carried?.revision ?? -1;
  let queue: Promise<unknown> = Promise.resolve();

  const view = (): VerificationView => ({
    doctorId,
    status: state.status,
    waitingSince: state.waitingSince,
    escalated: state.escalated,
    revision,
  });

  /** Decide and record one command at a time, so Updates and the SLA timer never interleave. */
  const execute = (command: (now: string) => VerificationCommand): Promise<VerificationView> => {
    const run = queue.then(async () => {
      const events = orFail(() => decideVerification(command(new Date().toISOString()), state));
      if (events.length === 0) return view();
      const result = await recordEvents({ streamId, expectedRevision: revision, events });
      state = events.reduce(evolveVerification, state);
      revision = result.nextExpectedRevision;
      return view();
    });
    queue = run.catch(() => undefined);
    return run;
  };

  setHandler(verificationViewQuery, view);
  setHandler(submitApplicationUpdate, () => execute((now) => ({ type: 'SubmitApplication', doctorId, now })), {
    validator: () => orFail(() => assertCanSubmit(state)),
  });
  setHandler(
    decideApplicationUpdate,
    (decision) => execute((now) => ({ type: 'DecideApplication', doctorId, decision, now })),
    {
      validator: (decision) => {
        const parsed = adminDecision.safeParse(decision);
        if (!parsed.success) {
          throw ApplicationFailure.create({
            type: 'VALIDATION_FAILED',
            message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
            nonRetryable: true,
          });
        }
        orFail(() => assertCanDecide(state, parsed.data.decision));
      },
    },
  );

  for (;;) {
    const seen = revision;
    const stepped = () => revision !== seen;
    const suggested = () => workflowInfo().continueAsNewSuggested;
    if (state.waitingSince && !state.escalated && AWAITING_ADMIN.includes(state.status)) {
      const remaining = Date.parse(state.waitingSince) + input.slaMs - Date.now();
      const moved = await condition(() => stepped() || suggested(), Math.max(remaining, 1));
      if (!moved) await execute((now) => ({ type: 'EscalateApplication', doctorId, now }));
    } else {
      await condition(() => stepped() || suggested());
    }
    if (suggested()) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof doctorVerificationWorkflow>({
        doctorId,
        slaMs: input.slaMs,
        carried: { state, revision },
      });
    }
  }
}

/** Business refusals end the Update as a non-retryable failure carrying the domain code and kind. */
function orFail<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!isDomainError(error)) throw error;
    throw ApplicationFailure.create({
      message: error.message,
      type: error.code,
      nonRetryable: true,
      details: [error.kind],
    });
  }
}
