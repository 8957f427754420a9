/**
 * Live hints for a new password, from the same rules the API applies (domain/identity), so what
 * the page ticks is what the API accepts. The API still decides: its `details` name the rule a
 * submitted password breaks.
 */
import {
  PASSWORD_MIN_LENGTH,
  PASSWORD_RULE_MESSAGES,
  passwordProblems,
} from '../../../domain/identity/password-policy.js';

export type PasswordRule = 'length' | 'uncommon' | 'noEmailName';

export interface PasswordHint {
  rule: PasswordRule;
  label: string;
  met: boolean;
}

const predictable: ReadonlySet<string> = new Set([
  PASSWORD_RULE_MESSAGES.common,
  PASSWORD_RULE_MESSAGES.commonWithPadding,
  PASSWORD_RULE_MESSAGES.oneCharacter,
]);

export function passwordHints(password: string, email: string): PasswordHint[] {
  const messages = new Set(passwordProblems(password, { email }).map((problem) => problem.message));
  const length = [...password].length;
  return [
    { rule: 'length', label: `At least ${PASSWORD_MIN_LENGTH} characters`, met: length >= PASSWORD_MIN_LENGTH },
    {
      rule: 'uncommon',
      label: 'Not a common or predictable password',
      met: length > 0 && ![...messages].some((message) => predictable.has(message)),
    },
    {
      rule: 'noEmailName',
      label: 'Does not contain the name part of your email address',
      met: length > 0 && !messages.has(PASSWORD_RULE_MESSAGES.containsEmail),
    },
  ];
}

export { PASSWORD_MIN_LENGTH };
