import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords.js';
import { PASSWORD_RULE_MESSAGES, passwordProblems } from './password-policy.js';

const messages = (password: string, email?: string) => passwordProblems(password, { email }).map((p) => p.message);

describe('password policy', () => {
  it('accepts a long, uncommon password', () => {
    expect(passwordProblems('violet tram under 9 bridges', { email: 'ana@example.com' })).toEqual([]);
  });

  it('says how long a short password is and how long it must be', () => {
    expect(messages('tr0ub4dor&3')).toEqual([PASSWORD_RULE_MESSAGES.tooShort(11)]);
    expect(messages('tr0ub4dor&3')[0]).toBe(
      'Too short: use at least 12 characters (this one has 11). A few unrelated words make a good one.',
    );
  });

  it('counts characters, not UTF-16 units', () => {
    expect(messages('🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊a')).toEqual([]);
    expect(messages('🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊a')).toEqual([PASSWORD_RULE_MESSAGES.tooShort(11)]);
  });

  it('refuses more than 128 characters', () => {
    expect(messages('horse battery '.repeat(10))).toEqual([PASSWORD_RULE_MESSAGES.tooLong]);
  });

  it('refuses a password from the common list, whatever its case', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(1000);
    expect(messages('QwertyuiopASDFGHJKL')).toEqual([PASSWORD_RULE_MESSAGES.common]);
    expect(messages('password')).toEqual([PASSWORD_RULE_MESSAGES.tooShort(8), PASSWORD_RULE_MESSAGES.common]);
  });

  it('refuses a common password padded with digits or symbols', () => {
    expect(messages('Sunshine2024!!')).toEqual([PASSWORD_RULE_MESSAGES.commonWithPadding]);
    expect(messages('!!!baseball123')).toEqual([PASSWORD_RULE_MESSAGES.commonWithPadding]);
  });

  it('refuses one character repeated', () => {
    expect(messages('zzzzzzzzzzzzzz')).toEqual([PASSWORD_RULE_MESSAGES.oneCharacter]);
  });

  it('refuses a password containing the email’s name, with or without a +tag', () => {
    expect(messages('my-MariaLopez-key-77', 'marialopez@example.com')).toEqual([PASSWORD_RULE_MESSAGES.containsEmail]);
    expect(messages('marialopez is my name', 'marialopez+clinic@example.com')).toEqual([
      PASSWORD_RULE_MESSAGES.containsEmail,
    ]);
    // Too short a name to be worth forbidding.
    expect(messages('jo and the violet trams', 'jo@example.com')).toEqual([]);
  });

  it('reports every broken rule at once, each as a detail on body.password', () => {
    const problems = passwordProblems('anna1', { email: 'anna@example.com' });
    expect(problems.map((p) => p.path)).toEqual(['body.password', 'body.password']);
    expect(problems.map((p) => p.message)).toEqual([
      PASSWORD_RULE_MESSAGES.tooShort(5),
      PASSWORD_RULE_MESSAGES.containsEmail,
    ]);
  });
});
