/**
 * `npm run user:create -- --role admin --email <email> [--password <password>]`: creates an
 * account with any role, for the first admin. Without --password it asks for it (hidden on a
 * terminal) or reads the first line of standard input. Staff must set up TOTP at first login.
 */
import { parseArgs } from 'node:util';
import { createPasswordAccount } from '../api/auth/registration.js';
import { emailAddress } from '../domain/identity/contact.js';
import { role as roleSchema } from '../domain/identity/roles.js';
import { isDomainError } from '../domain/shared/errors.js';
import { loadConfig } from './lib/config.js';
import { connectStorage } from './lib/connect.js';
import { readSecret } from './lib/read-secret.js';

const USAGE =
  'Usage: npm run user:create -- --role patient|doctor|admin|finance --email <email> [--password <password>]';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values } = parseArgs({
  options: { role: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' } },
  strict: true,
});
const role = roleSchema.safeParse(values.role);
if (!role.success) fail(`--role must be one of ${roleSchema.options.join(', ')}.\n${USAGE}`);
const email = emailAddress.safeParse(values.email);
if (!email.success) fail(`--email must be an email address.\n${USAGE}`);

let password = values.password;
if (password === undefined) {
  password = await readSecret('Password: ');
  if (process.stdin.isTTY && (await readSecret('Repeat it: ')) !== password) fail('The two passwords differ.');
}

const storage = await connectStorage(loadConfig());
try {
  const account = await createPasswordAccount(
    { pool: storage.pool, eventStore: storage.eventStore, now: () => new Date() },
    { email: email.data, password, role: role.data, method: 'cli' },
  );
  console.log(`Created ${role.data} account ${account.id} (${account.email}).`);
  if (role.data === 'admin' || role.data === 'finance')
    console.log('At the first login it can only set up two-factor authentication (an authenticator app).');
} catch (error) {
  // No process.exit here: the pool must still close (finally).
  process.exitCode = 1;
  if (isDomainError(error))
    console.error([error.message, ...(error.details ?? []).map((d) => `  - ${d.message}`)].join('\n'));
  else if ((error as { code?: string }).code === '42P01')
    console.error('The identity tables are missing: run `npm run migrate` first.');
  else throw error;
} finally {
  await storage.close();
}
