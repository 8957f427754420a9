/**
 * Identity in the browser, end to end: signing up, completing the profile, logging out and in,
 * turning on two-step verification (an authenticator app played by `otpauth`), and logging in
 * with it; plus a session that ends while the browser still holds its cookies.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordAccount } from '../../api/auth/registration.js';
import { aPhone } from '../fixtures/identity.js';
import {
  freshCredentials,
  logInThroughPage,
  logOutThroughMenu,
  nextUnusedCode,
  registerThroughApi,
  WEB_SESSION_COOKIES,
  wrongCode,
  type TestCredentials,
} from '../support/e2e-identity.js';
import { startE2eStack, type E2eStack } from '../support/e2e-stack.js';
import { enableTotp } from './staff.js';

let stack: E2eStack;

beforeAll(async () => {
  stack = await startE2eStack();
});
afterAll(() => stack?.stop());

/** A browser profile of its own per test: no cookies carried from one test to the next. */
async function freshPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await stack.browser.newContext({ timezoneId: 'Africa/Maputo', locale: 'en-GB' });
  return { context, page: await context.newPage() };
}

async function sessionCookieNames(context: BrowserContext): Promise<string[]> {
  const names: string[] = [WEB_SESSION_COOKIES.access, WEB_SESSION_COOKIES.refresh];
  return (await context.cookies(stack.webUrl)).map((cookie) => cookie.name).filter((name) => names.includes(name));
}

/** The code in the newest SMS the local adapter "sent" to `phone` (the dev outbox). */
async function lastCodeSentTo(phone: string): Promise<string> {
  const { rows } = await stack.platform.db.pool.query<{ body: string }>(
    'SELECT body FROM dev_outbox WHERE recipient = $1 ORDER BY id DESC LIMIT 1',
    [phone],
  );
  return /\b(\d{6})\b/.exec(rows[0]?.body ?? '')?.[1] ?? '';
}

async function signUp(page: Page, credentials: TestCredentials): Promise<void> {
  await page.goto(`${stack.webUrl}/signup`);
  const form = page.getByTestId('signup-form');
  await form.getByLabel('Email address').fill(credentials.email);
  await form.getByLabel('Password', { exact: true }).fill(credentials.password);
  await form.getByLabel(/Patient/).check();
  await Promise.all([
    page.waitForURL(/\/profile\?welcome=1$/, { timeout: 20_000 }),
    form.getByRole('button', { name: 'Create account' }).click(),
  ]);
}

async function completeProfile(page: Page): Promise<void> {
  const form = page.getByTestId('profile-form');
  await form.getByLabel('Full name').fill('Ana Mondlane');
  await form.getByLabel('Date of birth').fill('1990-04-12');
  await form.getByLabel('Sex').selectOption('female');
  await form.getByLabel('Preferred language').selectOption('pt');
  await form.getByLabel('Time zone').selectOption('Africa/Maputo');
  await form.locator('[name="emergencyContact.name"]').fill('João Mondlane');
  await form.locator('[name="emergencyContact.phone"]').fill('+258 84 123 4567');
  await form.locator('[name="emergencyContact.relationship"]').fill('Brother');
  await form.getByRole('button', { name: 'Save profile' }).click();
  await page.getByTestId('profile-saved').waitFor({ timeout: 15_000 });
}

describe('identity in the web app', () => {
  it('signs up, completes the profile, turns on two-step verification and logs in with it', async () => {
    const { context, page } = await freshPage();
    const credentials = freshCredentials('journey');

    await signUp(page, credentials);
    await completeProfile(page);
    await page.reload();
    expect(await page.getByTestId('profile-form').getByLabel('Full name').inputValue()).toBe('Ana Mondlane');
    expect(await page.getByTestId('profile-form').getByLabel('Time zone').inputValue()).toBe('Africa/Maputo');

    await logOutThroughMenu(page);
    expect(await sessionCookieNames(context)).toEqual([]);
    await logInThroughPage(page, stack.webUrl, credentials);
    await page.getByTestId('dashboard-patient').waitFor({ timeout: 15_000 });

    const { totp, lastCounter } = await enableTotp(page, stack.webUrl);
    await logOutThroughMenu(page);

    // Password alone now leads to the second step, which refuses a wrong code and opens no session.
    await logInThroughPage(page, stack.webUrl, credentials);
    expect(new URL(page.url()).pathname).toBe('/login/verify');
    const mfaForm = page.getByTestId('mfa-form');
    await mfaForm.getByLabel('Authentication code').fill(wrongCode(totp));
    await mfaForm.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => page.getByTestId('form-error').textContent(), { timeout: 15_000 }).toMatch(/code/i);
    expect(await sessionCookieNames(context)).toEqual([]);
    const guarded = await page.request.get(`${stack.webUrl}/appointments`, { maxRedirects: 0 });
    expect(guarded.status()).toBe(303);
    expect(guarded.headers()['location']).toMatch(/^\/login\?redirectTo=/);

    await mfaForm.getByLabel('Authentication code').fill(nextUnusedCode(totp, lastCounter).code);
    await Promise.all([
      page.waitForURL(`${stack.webUrl}/`, { timeout: 20_000 }),
      mfaForm.getByRole('button', { name: 'Verify' }).click(),
    ]);
    await page.getByTestId('dashboard-patient').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('nav-appointments').isVisible()).toBe(true);
    await context.close();
  });

  it('signs a doctor up by phone: the same patient-or-doctor choice, then the practice onboarding', async () => {
    const { context, page } = await freshPage();
    const phone = aPhone();
    await page.goto(`${stack.webUrl}/signup`);
    await page.getByTestId('signup-tab-phone').click();
    const numberStep = page.locator('[data-testid="phone-signup-form"][data-step="phone"]');
    await numberStep.getByLabel('Mobile number').fill(phone);
    await numberStep.getByLabel(/Doctor/).check();
    await numberStep.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByTestId('otp-sent').waitFor({ timeout: 15_000 });

    const codeStep = page.locator('[data-testid="phone-signup-form"][data-step="code"]');
    await codeStep.getByLabel('Code from the SMS').fill(await lastCodeSentTo(phone));
    await Promise.all([
      page.waitForURL(/\/doctor\/onboarding$/, { timeout: 20_000 }),
      codeStep.getByRole('button', { name: 'Create account' }).click(),
    ]);
    const roles = await stack.platform.db.pool.query<{ role: string }>(
      'SELECT r.role FROM account_roles r JOIN accounts a ON a.id = r.account_id WHERE a.phone = $1',
      [phone],
    );
    expect(roles.rows.map((row) => row.role)).toEqual(['doctor']);
    await context.close();
  });

  it('logs in by phone with a code, then goes where the person was heading', async () => {
    const { context, page } = await freshPage();
    const phone = aPhone();
    await page.goto(`${stack.webUrl}/signup?method=phone`);
    const signUpStep = page.locator('[data-testid="phone-signup-form"][data-step="phone"]');
    await signUpStep.getByLabel('Mobile number').fill(phone);
    await signUpStep.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByTestId('otp-sent').waitFor({ timeout: 15_000 });
    const signUpCode = page.locator('[data-testid="phone-signup-form"][data-step="code"]');
    await signUpCode.getByLabel('Code from the SMS').fill(await lastCodeSentTo(phone));
    await Promise.all([
      page.waitForURL(/\/profile\?welcome=1$/, { timeout: 20_000 }),
      signUpCode.getByRole('button', { name: 'Create account' }).click(),
    ]);
    await logOutThroughMenu(page);

    await page.goto(`${stack.webUrl}/login?method=phone&redirectTo=${encodeURIComponent('/appointments')}`);
    const numberStep = page.locator('[data-testid="otp-form"][data-step="phone"]');
    await numberStep.getByLabel('Mobile number').fill(phone);
    await numberStep.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByTestId('otp-sent').waitFor({ timeout: 15_000 });
    const codeStep = page.locator('[data-testid="otp-form"][data-step="code"]');
    await codeStep.getByLabel('Code from the SMS').fill(await lastCodeSentTo(phone));
    await Promise.all([
      page.waitForURL(`${stack.webUrl}/appointments`, { timeout: 20_000 }),
      codeStep.getByRole('button', { name: 'Log in' }).click(),
    ]);
    expect(await sessionCookieNames(context)).toHaveLength(2);
    await context.close();
  });

  it('shows the API’s password rules next to the field and keeps the email typed', async () => {
    const { context, page } = await freshPage();
    await page.goto(`${stack.webUrl}/signup`);
    const form = page.getByTestId('signup-form');
    await form.getByLabel('Email address').fill('short-password@example.test');
    await form.getByLabel('Password', { exact: true }).fill('password');
    // The live hints already say what is wrong before anything is sent.
    await expect.poll(() => form.locator('[data-rule="length"]').getAttribute('class')).toMatch(/unmet/);
    await form.getByRole('button', { name: 'Create account' }).click();

    await expect
      .poll(() => form.locator('#password-error').textContent(), { timeout: 15_000 })
      .toMatch(/short|common/i);
    expect(await form.getByLabel('Email address').inputValue()).toBe('short-password@example.test');
    expect(await sessionCookieNames(context)).toEqual([]);
    await context.close();
  });

  it('says how long to wait after too many wrong passwords', async () => {
    const { context, page } = await freshPage();
    const credentials = freshCredentials('throttled');
    await registerThroughApi(stack.apiUrl, credentials);
    await page.goto(`${stack.webUrl}/login`);
    const form = page.getByTestId('login-form');
    const error = page.getByTestId('form-error');
    // The API refuses the sixth attempt for one account within a minute (429 with Retry-After).
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      await form.getByLabel('Email address').fill(credentials.email);
      await form.getByLabel('Password', { exact: true }).fill(`wrong password number ${attempt}`);
      const answered = page.waitForResponse(
        (response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/login',
      );
      await form.getByRole('button', { name: 'Log in' }).click();
      await answered;
      await expect.poll(() => form.getAttribute('aria-busy'), { timeout: 15_000 }).toBe('false');
      await error.waitFor();
    }
    expect(await error.textContent()).toMatch(/Too many attempts\. Try again in \d+ (seconds|minutes)\./);
    expect(await sessionCookieNames(context)).toEqual([]);
    await context.close();
  });

  it('sends someone whose session can no longer be renewed to log in again, saying why', async () => {
    const { context, page } = await freshPage();
    const credentials = freshCredentials('expired');
    await registerThroughApi(stack.apiUrl, credentials);
    await logInThroughPage(page, stack.webUrl, credentials);
    await page.getByTestId('dashboard-patient').waitFor({ timeout: 15_000 });

    // The access token is gone (as after 15 minutes) and the refresh token is no longer valid.
    const cookies = await context.cookies(stack.webUrl);
    const refresh = cookies.find((cookie) => cookie.name === WEB_SESSION_COOKIES.refresh);
    expect(refresh).toBeDefined();
    await context.clearCookies();
    await context.addCookies([{ ...refresh!, value: 'not-a-valid-refresh-token' }]);

    await page.goto(`${stack.webUrl}/appointments`);
    await page.getByTestId('session-expired').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('session-expired').textContent()).toContain(
      'Your session expired. Log in again to continue.',
    );
    expect(new URL(page.url()).searchParams.get('redirectTo')).toBe('/appointments');
    expect(await sessionCookieNames(context)).toEqual([]);

    // Logging in again goes back to where the person was heading.
    const form = page.getByTestId('login-form');
    await form.getByLabel('Email address').fill(credentials.email);
    await form.getByLabel('Password', { exact: true }).fill(credentials.password);
    await Promise.all([
      page.waitForURL(`${stack.webUrl}/appointments`, { timeout: 20_000 }),
      form.getByRole('button', { name: 'Log in' }).click(),
    ]);
    await page.getByTestId('appointments-page').waitFor();
    await context.close();
  });

  it('holds a new administrator on the security page until two-step verification is on', async () => {
    const { context, page } = await freshPage();
    // Staff accounts are never self-service: the first admin is made as `npm run user:create` makes it.
    const admin = freshCredentials('admin');
    await createPasswordAccount(
      { pool: stack.platform.db.pool, eventStore: stack.platform.eventStore, now: () => new Date() },
      { ...admin, role: 'admin', method: 'cli' },
    );
    const patient = freshCredentials('admin-target');
    const { accountId: patientId } = await registerThroughApi(stack.apiUrl, patient);

    await logInThroughPage(page, stack.webUrl, admin);
    expect(new URL(page.url()).pathname).toBe('/account/security');
    await page.getByTestId('mfa-setup-required').waitFor();
    await page.goto(`${stack.webUrl}/admin/accounts`);
    expect(new URL(page.url()).pathname).toBe('/account/security');

    await enableTotp(page, stack.webUrl);
    await page.goto(`${stack.webUrl}/`);
    await page.getByTestId('dashboard-admin').waitFor({ timeout: 15_000 });
    await page.getByTestId('nav-admin-accounts').click();
    await page
      .getByTestId('admin-accounts')
      .getByLabel(/Email address/)
      .fill(patient.email);
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.locator(`[data-testid="admin-account-row"][data-id="${patientId}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.getByLabel('Role to grant').selectOption('doctor');
    await row.getByRole('button', { name: 'Grant' }).click();
    await expect.poll(() => row.getByTestId('account-feedback').textContent(), { timeout: 15_000 }).toMatch(/granted/);
    await expect.poll(() => row.getByRole('button', { name: 'Revoke Doctor role' }).count()).toBe(1);
    await context.close();

    // A patient is refused the admin area, inside the site's own layout.
    const visitor = await freshPage();
    await logInThroughPage(visitor.page, stack.webUrl, patient);
    const answer = await visitor.page.goto(`${stack.webUrl}/admin/accounts`);
    expect(answer?.status()).toBe(403);
    await visitor.page.getByTestId('error-page').waitFor();
    await visitor.context.close();
  });

  it('renews an expired access token transparently with the refresh token', async () => {
    const { context, page } = await freshPage();
    const credentials = freshCredentials('renew');
    await registerThroughApi(stack.apiUrl, credentials);
    await logInThroughPage(page, stack.webUrl, credentials);
    const before = await context.cookies(stack.webUrl);
    const refresh = before.find((cookie) => cookie.name === WEB_SESSION_COOKIES.refresh);

    await context.clearCookies();
    await context.addCookies([refresh!]);
    await page.goto(`${stack.webUrl}/profile`);
    await page.getByTestId('profile-form').waitFor({ timeout: 15_000 });

    const after = await context.cookies(stack.webUrl);
    const renewed = after.find((cookie) => cookie.name === WEB_SESSION_COOKIES.refresh);
    expect(after.some((cookie) => cookie.name === WEB_SESSION_COOKIES.access)).toBe(true);
    expect(renewed?.value).not.toBe(refresh?.value);
    expect(renewed).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    await context.close();
  });
});
