import { describe, expect, it } from 'vitest';
import { passwordHints, type PasswordRule } from './password-hints';

const met = (password: string, email = '') =>
  Object.fromEntries(passwordHints(password, email).map((hint) => [hint.rule, hint.met])) as Record<
    PasswordRule,
    boolean
  >;

describe('passwordHints', () => {
  it('meets nothing while the field is empty', () => {
    expect(met('')).toEqual({ length: false, uncommon: false, noEmailName: false });
  });

  it('ticks every rule for a long, unusual password', () => {
    expect(met('amber kettle orbit 42', 'maria@example.com')).toEqual({
      length: true,
      uncommon: true,
      noEmailName: true,
    });
  });

  it('flags a password from the common list, even padded with digits', () => {
    expect(met('password').uncommon).toBe(false);
    expect(met('!!password2024').uncommon).toBe(false);
  });

  it('flags a password containing the email’s name part', () => {
    expect(met('maria.lopez-rocks-1987', 'Maria.Lopez@example.com').noEmailName).toBe(false);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(met('🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂').length).toBe(false);
  });
});
