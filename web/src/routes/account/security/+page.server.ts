import { redirect } from '@sveltejs/kit';
import { requireSession } from '$lib/server/guards';
import { explain, httpStatusFor, redirectIfSessionEnded, rejected, text } from '$lib/server/form-actions';
import type { TotpSetup } from '$lib/server/identity-schemas';
import { clearTokens, storeTokens } from '$lib/server/session/cookies';
import type { Actions, PageServerLoad } from './$types';

const codeFields = ['code'] as const;

export const load: PageServerLoad = ({ locals, url }) => {
  const session = requireSession(locals, url);
  return {
    totpEnabled: session.totpEnabled,
    emailVerified: session.emailVerified,
    mfaSetupRequired: session.mfaSetupRequired,
    justSaved: url.searchParams.get('saved') === '1',
  };
};

/**
 * The setup being confirmed, echoed by the enable form so a mistyped code can be retried against
 * the same secret (asking the API again would issue a new one and break the app already scanned).
 */
function echoedSetup(form: FormData): TotpSetup | null {
  const setup = {
    secret: text(form, 'secret'),
    otpauthUrl: text(form, 'otpauthUrl'),
    qrCodeDataUrl: text(form, 'qrCodeDataUrl'),
  };
  if (!setup.secret || !setup.otpauthUrl.startsWith('otpauth://')) return null;
  // Only an image data URL may go back into an <img src>.
  if (!/^data:image\/(png|svg\+xml|gif|jpeg);base64,[A-Za-z0-9+/=]+$/.test(setup.qrCodeDataUrl))
    setup.qrCodeDataUrl = '';
  return setup;
}

const normaliseCode = (form: FormData) => text(form, 'code').replace(/\s/g, '');

export const actions: Actions = {
  setup: async ({ locals, url }) => {
    const result = await locals.api.auth.totpSetup();
    if (!result.ok) {
      redirectIfSessionEnded(result.status, url);
      const explained = explain(result.error, result.status, codeFields, locals.api.baseUrl);
      return rejected(httpStatusFor(result.status), { code: '' }, explained, { action: 'setup' as const, setup: null });
    }
    return { action: 'setup' as const, ok: true as const, setup: result.data };
  },

  enable: async ({ request, locals, cookies, url }) => {
    const form = await request.formData();
    const setup = echoedSetup(form);
    const code = normaliseCode(form);
    if (!code) {
      const failure = {
        message: 'Enter the 6-digit code your app shows.',
        fieldErrors: { code: 'Enter the code.' },
        otherDetails: [],
      };
      return rejected(400, { code: '' }, failure, { action: 'enable' as const, setup });
    }
    const result = await locals.api.auth.totpEnable(code);
    if (!result.ok) {
      redirectIfSessionEnded(result.status, url);
      const explained = explain(result.error, result.status, codeFields, locals.api.baseUrl);
      if (result.status === 400 || result.status === 401 || result.status === 422) {
        explained.fieldErrors.code ??= 'That code is not right. Codes change every 30 seconds: try the current one.';
      }
      return rejected(httpStatusFor(result.status), { code: '' }, explained, { action: 'enable' as const, setup });
    }
    // The API answers with a new session that counts as verified with the second factor.
    storeTokens(cookies, url, result.data.session);
    return { action: 'enable' as const, ok: true as const, backupCodes: result.data.backupCodes };
  },

  disable: async ({ request, locals, url }) => {
    const code = normaliseCode(await request.formData());
    if (!code) {
      const failure = {
        message: 'Enter a code to confirm.',
        fieldErrors: { code: 'Enter the code.' },
        otherDetails: [],
      };
      return rejected(400, { code: '' }, failure, { action: 'disable' as const });
    }
    const result = await locals.api.auth.totpDisable(code);
    if (!result.ok) {
      redirectIfSessionEnded(result.status, url);
      const explained = explain(result.error, result.status, codeFields, locals.api.baseUrl);
      return rejected(httpStatusFor(result.status), { code: '' }, explained, { action: 'disable' as const });
    }
    return { action: 'disable' as const, ok: true as const };
  },

  resendEmail: async ({ locals, url }) => {
    const result = await locals.api.auth.resendVerificationEmail();
    if (!result.ok) {
      redirectIfSessionEnded(result.status, url);
      const explained = explain(result.error, result.status, codeFields, locals.api.baseUrl);
      return rejected(httpStatusFor(result.status), { code: '' }, explained, { action: 'resendEmail' as const });
    }
    return { action: 'resendEmail' as const, ok: true as const };
  },

  logoutAll: async ({ locals, cookies, url }) => {
    const result = await locals.api.auth.logoutAll();
    if (!result.ok && result.status !== 401) {
      const explained = explain(result.error, result.status, codeFields, locals.api.baseUrl);
      return rejected(httpStatusFor(result.status), { code: '' }, explained, { action: 'logoutAll' as const });
    }
    clearTokens(cookies, url);
    redirect(303, '/login?loggedOut=1');
  },
};
