/**
 * The baseline of the booking benchmark: start a workflow and complete an Update that runs one
 * trivial activity (update-with-start, as booking does), on the same Temporal dev server, from a
 * worker of its own (own task queue, own workflow bundle) in this process.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { installWorkerRuntime } from '../scripts/lib/worker.js';
import { measure, type Measurement } from './measure.js';
import {
  ROUND_TRIP_WORKFLOW_TYPE,
  roundTripUpdate,
  type RoundTripActivities,
  type roundTripWorkflow,
} from './roundtrip.workflow.js';

const WORKFLOWS_PATH = fileURLToPath(new URL('./roundtrip.workflow.ts', import.meta.url));

const activities: RoundTripActivities = { echo: async (value) => value };

export interface RoundTripWorker {
  readonly taskQueue: string;
  stop(): Promise<void>;
}

export async function startRoundTripWorker(options: { address: string; namespace: string }): Promise<RoundTripWorker> {
  installWorkerRuntime();
  const taskQueue = `bench-roundtrip-${randomUUID()}`;
  const connection = await NativeConnection.connect({ address: options.address });
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue,
    workflowsPath: WORKFLOWS_PATH,
    activities,
  });
  const running = worker.run();
  return {
    taskQueue,
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

/** One round trip: the workflow starts, its Update runs the activity, the answer comes back. */
export async function roundTrip(client: Client, taskQueue: string): Promise<void> {
  const value = randomUUID();
  const echoed = await client.workflow.executeUpdateWithStart(roundTripUpdate, {
    args: [value],
    startWorkflowOperation: new WithStartWorkflowOperation<typeof roundTripWorkflow>(ROUND_TRIP_WORKFLOW_TYPE, {
      workflowId: `bench-roundtrip/${value}`,
      taskQueue,
      workflowIdConflictPolicy: 'FAIL',
    }),
  });
  if (echoed !== value) throw new Error(`the round trip answered ${echoed} for ${value}`);
}

export async function benchTemporalRoundTrip(
  client: Client,
  taskQueue: string,
  options: { count: number; concurrency: number },
): Promise<Measurement> {
  // One round per client first: the first workflow tasks pay for caches and connections.
  await measure('warm-up', { appends: options.concurrency, concurrency: options.concurrency }, () =>
    roundTrip(client, taskQueue),
  );
  return measure(
    'baseline: Temporal update-with-start, 1 activity',
    { appends: options.count, concurrency: options.concurrency },
    () => roundTrip(client, taskQueue),
  );
}
