/**
 * The Temporal worker: appointment workflows plus the activities they call. Workflow code is
 * bundled from workflows/index.ts, or taken prebuilt (tests bundle once per run).
 */
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../../activities/index.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));

export interface WorkerOptions extends ActivityDeps {
  readonly address: string;
  readonly namespace: string;
  readonly taskQueue: string;
  /** Path of a bundle made by bundleWorkflowCode; omit to bundle from source at start. */
  readonly workflowBundlePath?: string;
}

let runtimeInstalled = false;

/** The SDK logs every worker state change at INFO; keep the console for what matters. */
export function installWorkerRuntime(level: LogLevel = 'WARN'): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger(level) });
}

export async function createWorker(options: WorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> {
  installWorkerRuntime();
  const connection = await NativeConnection.connect({ address: options.address });
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundlePath
      ? { workflowBundle: { codePath: options.workflowBundlePath } }
      : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities(options),
    // Let a stopping worker finish the activity it is running before it goes.
    shutdownGraceTime: '5 seconds',
  });
  return { worker, connection };
}
