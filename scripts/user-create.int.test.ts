/** The admin CLI, run as a child process against a test database. */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../tests/support/db.js';
import { A_STRONG_PASSWORD, anEmail } from '../tests/fixtures/identity.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.close());

function userCreate(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/user-create.ts', ...args], {
      env: { ...process.env, DATABASE_URL: db.url, EVENT_STORE: 'postgres', APP_ENV: 'test' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('npm run user:create', () => {
  it('creates an admin from flags', async () => {
    const email = anEmail('admin');
    const result = await userCreate(['--role', 'admin', '--email', email, '--password', A_STRONG_PASSWORD]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Created admin account');
    const { rows } = await db.pool.query<{ role: string }>(
      'SELECT r.role FROM accounts a JOIN account_roles r ON r.account_id = a.id WHERE a.email = $1',
      [email],
    );
    expect(rows).toEqual([{ role: 'admin' }]);
  });

  it('reads the password from standard input when the flag is absent', async () => {
    const email = anEmail('finance');
    const result = await userCreate(['--role', 'finance', '--email', email], `${A_STRONG_PASSWORD}\n`);
    expect(result.code, result.stderr).toBe(0);
    const { rowCount } = await db.pool.query('SELECT 1 FROM accounts WHERE email = $1', [email]);
    expect(rowCount).toBe(1);
  });

  it('explains a weak password, an unknown role and a taken email', async () => {
    const weak = await userCreate(['--role', 'admin', '--email', anEmail(), '--password', 'admin']);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('Too short: use at least 12 characters');

    const role = await userCreate(['--role', 'root', '--email', anEmail(), '--password', A_STRONG_PASSWORD]);
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('--role must be one of patient, doctor, admin, finance');

    const email = anEmail();
    await userCreate(['--role', 'doctor', '--email', email, '--password', A_STRONG_PASSWORD]);
    const taken = await userCreate(['--role', 'doctor', '--email', email, '--password', A_STRONG_PASSWORD]);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('already exists');
  });
});
