import { redirect } from '@sveltejs/kit';
import { isSelfServiceRole, type SelfServiceRole } from '$lib/roles';
import { explain, httpStatusFor, readValues, rejected, text } from '$lib/server/form-actions';
import { completeLogin } from '$lib/server/login-flow';
import { explainCodeRefusal, readPhoneAndCode, requestCode } from '$lib/server/phone-code';
import { storeTokens } from '$lib/server/session/cookies';
import type { Actions, PageServerLoad } from './$types';

const emailFields = ['email', 'password', 'role'] as const;
const phoneFields = ['phone', 'code', 'role'] as const;

export type SignupMethod = 'email' | 'phone';

/** A doctor's first stop is their practice; a patient's, their own profile. */
const landingFor = (role: SelfServiceRole) => (role === 'doctor' ? '/doctor/onboarding' : '/profile?welcome=1');
const chooseRole = 'Choose whether you are a patient or a doctor.';

export const load: PageServerLoad = ({ url }) => ({
  method: (url.searchParams.get('method') === 'phone' ? 'phone' : 'email') as SignupMethod,
});

export const actions: Actions = {
  email: async ({ request, locals, cookies, url }) => {
    const form = await request.formData();
    // The password is read but never echoed back to the page.
    const { email, password, role } = readValues(form, emailFields);
    const values = { email, password: '', role };

    const fieldErrors: Partial<Record<(typeof emailFields)[number], string>> = {};
    if (!email) fieldErrors.email = 'Enter your email address.';
    if (!password) fieldErrors.password = 'Choose a password.';
    if (!isSelfServiceRole(role)) fieldErrors.role = chooseRole;
    if (Object.keys(fieldErrors).length > 0 || !isSelfServiceRole(role)) {
      return rejected(
        400,
        values,
        { message: 'Please correct the highlighted fields.', fieldErrors, otherDetails: [] },
        { action: 'email' as const },
      );
    }

    const result = await locals.api.auth.register({ email, password, role });
    if (!result.ok) {
      const explained = explain(result.error, result.status, emailFields, locals.api.baseUrl);
      if (result.error.code === 'EMAIL_TAKEN') {
        explained.fieldErrors.email = 'An account with this email already exists. Log in instead?';
      }
      return rejected(httpStatusFor(result.status), values, explained, {
        action: 'email' as const,
        code: result.error.code,
      });
    }
    storeTokens(cookies, url, result.data.session);
    redirect(303, landingFor(role));
  },

  otpRequest: async ({ request, locals }) => {
    const form = await request.formData();
    const { phone } = readPhoneAndCode(form);
    const role = text(form, 'role');
    const values = { phone, code: '', role };
    const fieldErrors: Partial<Record<(typeof phoneFields)[number], string>> = {};
    if (!phone) fieldErrors.phone = 'Enter your mobile number.';
    if (!isSelfServiceRole(role)) fieldErrors.role = chooseRole;
    if (Object.keys(fieldErrors).length > 0 || !isSelfServiceRole(role)) {
      const failure = { message: 'Please correct the highlighted fields.', fieldErrors, otherDetails: [] };
      return rejected(400, values, failure, { action: 'otpRequest' as const, codeSent: false });
    }
    return requestCode(locals.api, values, phoneFields, { role });
  },

  otpVerify: async ({ request, locals, cookies, url }) => {
    const form = await request.formData();
    const { phone, code } = readPhoneAndCode(form);
    const role = text(form, 'role');
    const values = { phone, code: '', role };
    if (!code || !isSelfServiceRole(role)) {
      const failure = {
        message: code ? chooseRole : 'Enter the code from the SMS.',
        fieldErrors: code ? {} : { code: 'Enter the code from the SMS.' },
        otherDetails: [],
      };
      return rejected(400, values, failure, { action: 'otpVerify' as const, codeSent: isSelfServiceRole(role) });
    }
    const result = await locals.api.auth.verifyOtp({ phone, code, role });
    if (!result.ok) {
      const explained = explainCodeRefusal(result.error, result.status, phoneFields, locals.api.baseUrl);
      // The code is used up either way; a number that has an account logs in from the login page.
      const accountExists = result.error.code === 'PHONE_ACCOUNT_EXISTS';
      return rejected(httpStatusFor(result.status), values, explained, {
        action: 'otpVerify' as const,
        codeSent: !accountExists,
        code: result.error.code,
      });
    }
    return completeLogin(result.data, cookies, url, landingFor(role));
  },
};
