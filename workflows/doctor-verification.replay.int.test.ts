/**
 * Determinism of the doctor verification workflow: its recorded history (made by
 * `npm run histories:record -- doctor-verification`) must replay against today's code. A failure
 * means a change would break applications in flight; guard it with `patched()`.
 */
import { readFileSync } from 'node:fs';
import { Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';
import { installWorkerRuntime } from '../scripts/lib/worker.js';

const file = new URL('../tests/fixtures/histories/doctor-verification-lifecycle.json', import.meta.url);

describe('doctor verification workflow replay', () => {
  it('replays the recorded lifecycle (submission, escalation, review, information, verification, suspension)', async () => {
    installWorkerRuntime();
    const history = JSON.parse(readFileSync(file, 'utf8')) as { events: Array<Record<string, unknown>> };
    const updates = history.events.filter(
      (event) => event.eventType === 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED',
    );
    expect(updates).toHaveLength(8);
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: { codePath: inject('workflowBundlePath') } },
        history,
        'replay-doctor-verification-lifecycle',
      ),
    ).resolves.toBeUndefined();
  });
});
