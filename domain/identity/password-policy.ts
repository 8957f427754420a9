/**
 * The password rules (NIST SP 800-63B style: length and a blocklist, no composition rules). Each
 * broken rule comes back as its own detail, so the person sees exactly what to change.
 */
import type { ErrorDetail } from '../shared/errors.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
/** A shorter local part ("jo@…") would forbid too many innocent passwords to be worth it. */
const MIN_LOCAL_PART_TO_CHECK = 3;

const common = new Set(COMMON_PASSWORDS);
const path = 'body.password';

export const PASSWORD_RULE_MESSAGES = {
  tooShort: (length: number) =>
    `Too short: use at least ${PASSWORD_MIN_LENGTH} characters (this one has ${length}). A few unrelated words make a good one.`,
  tooLong: `Too long: use at most ${PASSWORD_MAX_LENGTH} characters.`,
  common: 'Too common: this password is on the list of the most used (and most often breached) passwords.',
  commonWithPadding: 'Too predictable: this is a commonly used password with digits or symbols added around it.',
  containsEmail: 'Contains your email address’s name (the part before the @); leave it out.',
  oneCharacter: 'Too predictable: the same character repeated.',
} as const;

/** Every rule the password breaks, in a fixed order; empty when it passes. */
export function passwordProblems(password: string, context: { readonly email?: string | null } = {}): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  // Code points, not UTF-16 units: an emoji is one character to the person typing it.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push({ path, message: PASSWORD_RULE_MESSAGES.tooShort(length) });
  if (length > PASSWORD_MAX_LENGTH) problems.push({ path, message: PASSWORD_RULE_MESSAGES.tooLong });

  const lower = password.toLowerCase();
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (common.has(lower)) problems.push({ path, message: PASSWORD_RULE_MESSAGES.common });
  else if (core.length > 0 && core !== lower && common.has(core))
    problems.push({ path, message: PASSWORD_RULE_MESSAGES.commonWithPadding });

  if (length > 0 && new Set(password).size === 1) problems.push({ path, message: PASSWORD_RULE_MESSAGES.oneCharacter });

  const localParts = emailLocalParts(context.email);
  if (localParts.some((part) => lower.includes(part)))
    problems.push({ path, message: PASSWORD_RULE_MESSAGES.containsEmail });
  return problems;
}

/** "Maria.Lopez+clinic@x" → ["maria.lopez+clinic", "maria.lopez"]: the whole local part and its part before a +tag. */
function emailLocalParts(email: string | null | undefined): string[] {
  const local = email?.toLowerCase().split('@')[0] ?? '';
  return [...new Set([local, local.split('+')[0] ?? ''])].filter((part) => part.length >= MIN_LOCAL_PART_TO_CHECK);
}
