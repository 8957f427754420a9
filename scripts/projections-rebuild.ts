/**
 * `npm run projections:rebuild [-- name…]`: empties read models and replays the whole event log
 * into them, with a progress bar. Safe while the platform runs: live projectors step aside.
 */
import { rebuildProjection, type RebuildProgress } from '../projections/index.js';
import { loadConfig, securityFrom } from './lib/config.js';
import { connectStorage } from './lib/connect.js';
import { projectionsFor } from './lib/projections.js';

const config = loadConfig();
// The patients read model opens personal data, so the rebuild needs the same master key as the API.
const projections = projectionsFor(securityFrom(config).masterKey);

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = wanted.filter((name) => !projections.some((p) => p.name === name));
if (unknown.length) {
  console.error(`Unknown projection(s): ${unknown.join(', ')}. Known: ${projections.map((p) => p.name).join(', ')}.`);
  process.exit(2);
}
const selected = wanted.length ? projections.filter((p) => wanted.includes(p.name)) : projections;

const storage = await connectStorage(config);
try {
  for (const projection of selected) {
    const started = Date.now();
    const result = await rebuildProjection(projection, {
      ...storage,
      onProgress: (progress) => drawBar(projection.name, progress),
    });
    process.stdout.write(
      `\r${projection.name}: ${result.events} events replayed in ${((Date.now() - started) / 1000).toFixed(1)} s`.padEnd(
        80,
      ) + '\n',
    );
  }
} finally {
  await storage.close();
}

function drawBar(name: string, { position, head, events }: RebuildProgress): void {
  const ratio = head > 0n ? Math.min(1, Number(position) / Number(head)) : 1;
  const width = 30;
  const filled = Math.round(ratio * width);
  const line = `\r${name} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%  ${events} events`;
  if (process.stdout.isTTY) process.stdout.write(line);
  else if (filled === width || events % 5_000 < 500) process.stdout.write(line.replace('\r', '') + '\n');
}
