/**
 * Determinism: histories recorded from earlier versions of the workflow (tests/fixtures/histories,
 * made by `npm run histories:record`) must replay against today's code. A failure here means a
 * change would break running appointments; guard it with `patched()`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';
import { installWorkerRuntime } from '../scripts/lib/worker.js';

const dir = new URL('../tests/fixtures/histories/', import.meta.url);
const files = readdirSync(dir).filter((file) => file.endsWith('.json'));

describe('appointment workflow replay', () => {
  it('has recorded histories to replay', () => {
    // Every ending of the lifecycle; histories of earlier shipped versions are kept beside them.
    expect(files).toEqual(
      expect.arrayContaining([
        'payment-timeout.json',
        'paid-then-cancelled-by-patient.json',
        'full-lifecycle.json',
        'doctor-no-show-refunded.json',
        'review-window-closed.json',
        'charged-at-cancel-payment-timeout.json',
        'charged-at-cancel-by-patient.json',
      ]),
    );
  });

  it.each(files)('replays %s without nondeterminism', async (file) => {
    installWorkerRuntime();
    const history: unknown = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: { codePath: inject('workflowBundlePath') } },
        history,
        `replay-${file}`,
      ),
    ).resolves.toBeUndefined();
  });
});
