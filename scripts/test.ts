/**
 * `npm test`: type checks, lint, then every test tier (unit, integration on the real Temporal dev
 * server and PostgreSQL, e2e in Chromium), ending with one plain summary line.
 * Extra arguments go to Vitest, e.g. `npm test -- --project unit`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const bin = (name: string) => join('node_modules', '.bin', name);
const extra = process.argv.slice(2);
const started = Date.now();

function run(title: string, command: string, args: string[], options: { cwd?: string } = {}): void {
  const t0 = Date.now();
  console.log(`\n━━ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: options.cwd });
  if (result.status !== 0) {
    console.error(`\n✖ ${title} failed (exit ${result.status ?? result.signal}).`);
    console.log('0 passed, 1 failed');
    process.exit(result.status || 1);
  }
  console.log(`✔ ${title} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

// SvelteKit generates web/.svelte-kit (types, tsconfig) that the checks and web unit tests read.
run('svelte-kit sync', process.execPath, [join('..', bin('svelte-kit')), 'sync'], { cwd: 'web' });
if (extra.length === 0) {
  run('TypeScript', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
  run('Svelte check', bin('svelte-check'), [
    '--workspace',
    'web',
    '--tsconfig',
    './tsconfig.json',
    '--threshold',
    'error',
    '--output',
    'human',
  ]);
  run('ESLint', bin('eslint'), ['.', '--max-warnings', '0']);
}

mkdirSync('.data', { recursive: true });
const report = join('.data', 'test-report.json');
console.log('\n━━ Vitest (unit, integration, e2e)');
const vitest = spawnSync(
  bin('vitest'),
  ['run', '--reporter', 'default', '--reporter', 'json', '--outputFile.json', report, ...extra],
  { stdio: 'inherit' },
);

interface JsonReport {
  success: boolean;
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}
const results: JsonReport | undefined = existsSync(report)
  ? (JSON.parse(readFileSync(report, 'utf8')) as JsonReport)
  : undefined;
// A run that errored outside any test, or ran none at all, is a failure too.
const ok = vitest.status === 0 && results !== undefined && results.success && results.numTotalTests > 0;
const failed = results?.numFailedTests || (ok ? 0 : 1);
console.log(`\nnpm test finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
if (!ok && results?.numTotalTests === 0) console.error('No test ran: check the filter or the Vitest configuration.');
console.log(
  `vitest: ${results?.numPassedTests ?? 0} passed, ${failed} failed, ${(results?.numPendingTests ?? 0) + (results?.numTodoTests ?? 0)} skipped`,
);
process.exit(ok ? 0 : vitest.status || 1);
