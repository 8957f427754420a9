import { safeRedirectTarget } from '$lib/redirect-target';
import { explain, httpStatusFor, readValues, rejected, text } from '$lib/server/form-actions';
import { completeLogin } from '$lib/server/login-flow';
import { explainCodeRefusal, readPhoneAndCode, requestCode } from '$lib/server/phone-code';
import type { Actions, PageServerLoad } from './$types';

const passwordFields = ['email', 'password'] as const;
const phoneFields = ['phone', 'code'] as const;

export type LoginMethod = 'email' | 'phone';

export const load: PageServerLoad = ({ url }) => {
  const params = url.searchParams;
  return {
    method: (params.get('method') === 'phone' ? 'phone' : 'email') as LoginMethod,
    redirectTo: safeRedirectTarget(params.get('redirectTo')),
    expired: params.get('expired') === '1',
    loggedOut: params.get('loggedOut') === '1',
    restart: params.get('restart') === '1',
  };
};

export const actions: Actions = {
  password: async ({ request, locals, cookies, url }) => {
    const form = await request.formData();
    const { email, password } = readValues(form, passwordFields);
    const values = { email, password: '' };
    const redirectTo = text(form, 'redirectTo');
    if (!email || !password) {
      const fieldErrors = {
        ...(email ? {} : { email: 'Enter your email address.' }),
        ...(password ? {} : { password: 'Enter your password.' }),
      };
      return rejected(
        400,
        values,
        { message: 'Enter your email and password.', fieldErrors, otherDetails: [] },
        {
          action: 'password' as const,
        },
      );
    }
    const result = await locals.api.auth.login({ email, password });
    if (!result.ok) {
      const explained = explain(result.error, result.status, passwordFields, locals.api.baseUrl);
      return rejected(httpStatusFor(result.status), values, explained, { action: 'password' as const });
    }
    return completeLogin(result.data, cookies, url, redirectTo);
  },

  otpRequest: async ({ request, locals }) => {
    const { phone } = readPhoneAndCode(await request.formData());
    const values = { phone, code: '' };
    if (!phone) {
      const failure = {
        message: 'Enter your mobile number.',
        fieldErrors: { phone: 'Enter your mobile number.' },
        otherDetails: [],
      };
      return rejected(400, values, failure, { action: 'otpRequest' as const, codeSent: false });
    }
    return requestCode(locals.api, values, phoneFields, {});
  },

  otpVerify: async ({ request, locals, cookies, url }) => {
    const form = await request.formData();
    const { phone, code } = readPhoneAndCode(form);
    const redirectTo = text(form, 'redirectTo');
    const values = { phone, code: '' };
    if (!code) {
      const failure = {
        message: 'Enter the code from the SMS.',
        fieldErrors: { code: 'Enter the code from the SMS.' },
        otherDetails: [],
      };
      return rejected(400, values, failure, { action: 'otpVerify' as const, codeSent: true });
    }
    const result = await locals.api.auth.verifyOtp({ phone, code });
    if (!result.ok) {
      const explained = explainCodeRefusal(result.error, result.status, phoneFields, locals.api.baseUrl);
      return rejected(httpStatusFor(result.status), values, explained, {
        action: 'otpVerify' as const,
        codeSent: true,
      });
    }
    return completeLogin(result.data, cookies, url, redirectTo);
  },
};
