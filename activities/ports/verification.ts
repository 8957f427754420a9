/**
 * Phone verification: send a one-time code to a number, then check what the person typed.
 * Adapters: Twilio Verify (production, adapters/twilio-verify.ts) and the local development
 * adapter (adapters/local-verification.ts), whose codes land in the dev outbox.
 */
export type VerificationCheck =
  /** The code is right; the verification is used up. */
  | 'approved'
  /** The code is wrong; the verification may still be tried (until the provider burns it). */
  | 'wrong_code'
  /** No code is waiting for this number: never sent, expired, already used or burned. */
  | 'no_pending_code';

export interface VerificationPort {
  /** Sends a fresh code by SMS; any earlier one for the number stops working. */
  start(phone: string): Promise<{ readonly expiresInSeconds: number }>;
  check(phone: string, code: string): Promise<VerificationCheck>;
}
