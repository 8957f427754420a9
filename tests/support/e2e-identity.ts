/**
 * Accounts for browser tests: a fresh email per test, sign-up straight through the API (when the
 * test is not about signing up), logging in through the web page, and authenticator codes.
 */
import { randomUUID } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';

/** The web server's own session cookies (web/src/lib/server/session/cookies.ts; tests do not import web/). */
export const WEB_SESSION_COOKIES = { access: 'consulta_web_access', refresh: 'consulta_web_refresh' } as const;

export interface TestCredentials {
  readonly email: string;
  readonly password: string;
}

/** Unique per call; the local part is long and random, so no password rule trips over it. */
export function freshCredentials(prefix = 'e2e'): TestCredentials {
  const id = randomUUID().slice(0, 8);
  return { email: `${prefix}-${id}@example.test`, password: `amber kettle orbit ${id}` };
}

export async function registerThroughApi(
  apiUrl: string,
  credentials: TestCredentials,
  role: 'patient' | 'doctor' = 'patient',
): Promise<{ accountId: string }> {
  const response = await fetch(`${apiUrl}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...credentials, role }),
  });
  if (response.status !== 201) throw new Error(`Sign-up failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { account: { id: string } };
  return { accountId: body.account.id };
}

/** Logs in with email and password on the login page; resolves once the next page has loaded. */
export async function logInThroughPage(
  page: Page,
  webUrl: string,
  credentials: TestCredentials,
  path = '/login',
): Promise<void> {
  await page.goto(`${webUrl}${path}`);
  const form = page.getByTestId('login-form');
  await form.getByLabel('Email address').fill(credentials.email);
  await form.getByLabel('Password', { exact: true }).fill(credentials.password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/login') || url.pathname === '/login/verify', {
      timeout: 20_000,
    }),
    form.getByRole('button', { name: 'Log in' }).click(),
  ]);
}

export async function logOutThroughMenu(page: Page): Promise<void> {
  await page.getByTestId('account-menu').click();
  await Promise.all([page.waitForURL(/\/login\?loggedOut=1/, { timeout: 20_000 }), page.getByTestId('logout').click()]);
}

/** The authenticator app: the otpauth:// URL the security page links to. */
export function authenticatorFor(otpauthUrl: string): OTPAuth.TOTP {
  const parsed = OTPAuth.URI.parse(otpauthUrl);
  if (!(parsed instanceof OTPAuth.TOTP)) throw new Error(`Not a TOTP URL: ${otpauthUrl}`);
  return parsed;
}

/**
 * A code the API has not seen yet: it refuses a time step it already accepted (replay), and
 * accepts one step of drift either way, so after a code of this step the next step's code works.
 */
export function nextUnusedCode(totp: OTPAuth.TOTP, lastUsedCounter: number | null): { code: string; counter: number } {
  const now = Date.now();
  const counter = Math.max(totp.counter({ timestamp: now }), (lastUsedCounter ?? -1) + 1);
  return { code: totp.generate({ timestamp: counter * totp.period * 1000 }), counter };
}

/** A six-digit code the API would refuse now (none of the codes in its ±1 step window). */
export function wrongCode(totp: OTPAuth.TOTP): string {
  const now = Date.now();
  const valid = new Set([-1, 0, 1].map((step) => totp.generate({ timestamp: now + step * totp.period * 1000 })));
  let candidate = 0;
  while (valid.has(String(candidate).padStart(6, '0'))) candidate += 111_111;
  return String(candidate).padStart(6, '0');
}
