/**
 * Local development adapter for phone verification: it makes the 6-digit code itself, keeps
 * only its hash (otp_challenges) and "sends" the SMS to the dev outbox, which the web app shows
 * in development. Never a production adapter: use Twilio Verify (VERIFICATION=twilio) there.
 *
 * Like Twilio Verify: a code lives 10 minutes, a new one replaces the old, and the 5th wrong
 * try burns it.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import type { VerificationPort } from '../ports/verification.js';
import { writeToDevOutbox } from './dev-outbox.js';

export const LOCAL_CODE_TTL_SECONDS = 10 * 60;
export const LOCAL_MAX_WRONG_CODES = 5;

// Plain SHA-256 is enough here: the code is also in the dev outbox in clear; the hash only keeps
// this table from being a second copy of it.
const hashCode = (phone: string, code: string) => createHash('sha256').update(`${phone}:${code}`).digest();

export function createLocalVerification(deps: { pool: pg.Pool; now?: () => Date }): VerificationPort {
  const now = deps.now ?? (() => new Date());
  return {
    async start(phone) {
      const at = now();
      const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
      const client = await deps.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('UPDATE otp_challenges SET consumed_at = $2 WHERE phone = $1 AND consumed_at IS NULL', [
          phone,
          at,
        ]);
        await client.query(
          'INSERT INTO otp_challenges (phone, code_hash, expires_at, created_at) VALUES ($1, $2, $3, $4)',
          [phone, hashCode(phone, code), new Date(at.getTime() + LOCAL_CODE_TTL_SECONDS * 1000), at],
        );
        await writeToDevOutbox(client, {
          channel: 'sms',
          recipient: phone,
          body: `Your Consulta code is ${code}. It expires in ${LOCAL_CODE_TTL_SECONDS / 60} minutes.`,
          at,
        });
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
      return { expiresInSeconds: LOCAL_CODE_TTL_SECONDS };
    },

    async check(phone, code) {
      const at = now();
      const client = await deps.pool.connect();
      try {
        await client.query('BEGIN');
        // FOR UPDATE: two concurrent checks must not both count as the 4th wrong try.
        const { rows } = await client.query<{ id: string; code_hash: Buffer; attempts: number }>(
          `SELECT id, code_hash, attempts FROM otp_challenges
            WHERE phone = $1 AND consumed_at IS NULL AND expires_at > $2
            ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
          [phone, at],
        );
        const challenge = rows[0];
        let outcome: 'approved' | 'wrong_code' | 'no_pending_code' = 'no_pending_code';
        if (challenge) {
          const right = timingSafeEqual(challenge.code_hash, hashCode(phone, code));
          const attempts = challenge.attempts + (right ? 0 : 1);
          const burned = !right && attempts >= LOCAL_MAX_WRONG_CODES;
          await client.query('UPDATE otp_challenges SET attempts = $2, consumed_at = $3 WHERE id = $1', [
            challenge.id,
            attempts,
            right || burned ? at : null,
          ]);
          outcome = right ? 'approved' : 'wrong_code';
        }
        await client.query('COMMIT');
        return outcome;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
