/**
 * Demo accounts for development, one per role, with fixed ids (DEMO), fixed emails and one fixed
 * password; the admin and finance accounts come with TOTP already on, from a fixed secret, so
 * anyone can add it to an authenticator app from the printed otpauth URL. Idempotent: an account
 * whose id exists is left exactly as it is. Development only: the credentials are public.
 */
import { Secret } from 'otpauth';
import type pg from 'pg';
import { createPasswordAccount } from '../../api/auth/registration.js';
import { encryptTotpSecret } from '../../api/auth/secrets.js';
import { totpUri } from '../../api/auth/totp.js';
import type { Role } from '../../domain/identity/roles.js';
import type { EventStore } from '../../eventstore/event-store.js';
import { DEMO } from './demo-data.js';
import { executePatientCommand } from '../../api/patients/patient-commands.js';
import { personalDataCipher } from '../../api/patients/personal-data.js';

export const DEMO_PASSWORD = 'consulta-demo-2026!';
/** Base32, 20 bytes; public on purpose (demo only). */
export const DEMO_TOTP_SECRET = '3NYJWKVY6UHO32NAQKLVTV3EJJR5IN7V';

export interface DemoCredentials {
  readonly role: Role;
  readonly id: string;
  readonly email: string;
  readonly password: string;
  /** Staff accounts: the TOTP secret and its otpauth:// URL (for an authenticator app). */
  readonly totpSecret?: string;
  readonly otpauthUrl?: string;
}

const DEMO_ACCOUNTS: ReadonlyArray<{ role: Role; id: string }> = [
  { role: 'patient', id: DEMO.patientId },
  { role: 'doctor', id: DEMO.doctorId },
  { role: 'admin', id: DEMO.adminId },
  { role: 'finance', id: DEMO.financeId },
];

export async function seedDemoAccounts(
  deps: { pool: pg.Pool; eventStore: EventStore; masterKey: Buffer; now?: () => Date },
  log: (line: string) => void,
): Promise<DemoCredentials[]> {
  const now = deps.now ?? (() => new Date());
  const credentials: DemoCredentials[] = [];
  for (const { role, id } of DEMO_ACCOUNTS) {
    const email = `${role}@demo.consulta.test`;
    const staff = role === 'admin' || role === 'finance';
    const { rowCount } = await deps.pool.query('SELECT 1 FROM accounts WHERE id = $1', [id]);
    if (!rowCount) {
      await createPasswordAccount({ ...deps, now }, { id, email, password: DEMO_PASSWORD, role, method: 'demo_seed' });
      await deps.pool.query('UPDATE accounts SET email_verified_at = $2 WHERE id = $1', [id, now()]);
      if (staff)
        await deps.pool.query(
          `INSERT INTO totp_credentials (account_id, secret_encrypted, enabled_at) VALUES ($1, $2, $3)
           ON CONFLICT (account_id) DO NOTHING`,
          [id, encryptTotpSecret(deps.masterKey, id, Secret.fromBase32(DEMO_TOTP_SECRET).bytes), now()],
        );
      if (role === 'patient') await seedPatientProfile(deps, id, email);
      log(`  seeded demo ${role} account ${email}`);
    }
    const totp = staff
      ? { totpSecret: DEMO_TOTP_SECRET, otpauthUrl: totpUri(Secret.fromBase32(DEMO_TOTP_SECRET), email) }
      : {};
    credentials.push({ role, id, email, password: DEMO_PASSWORD, ...totp });
  }
  for (const c of credentials.filter((c) => c.totpSecret))
    log(`  ${c.role}: TOTP secret ${c.totpSecret} (${c.otpauthUrl})`);
  return credentials;
}

/**
 * The demo patient's profile, recorded as the patient would (PATCH /api/v1/me): a name for the
 * doctor's queue and messages, a zone for times, made-up details otherwise.
 */
async function seedPatientProfile(
  deps: { pool: pg.Pool; eventStore: EventStore; masterKey: Buffer; now?: () => Date },
  patientId: string,
  email: string,
): Promise<void> {
  const now = (deps.now ?? (() => new Date()))().toISOString();
  await executePatientCommand(
    { pool: deps.pool, eventStore: deps.eventStore, cipher: personalDataCipher(deps.masterKey) },
    patientId,
    {
      type: 'ChangePatientProfile',
      patientId,
      now,
      changes: {
        name: 'Maria Demo',
        dateOfBirth: '1990-05-17',
        sex: 'female',
        email,
        preferredLanguage: 'pt',
        timeZone: 'Africa/Maputo',
      },
    },
    { actorId: patientId },
  );
}
