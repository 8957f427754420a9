/** The API's /auth endpoints: sign-up, login (password, SMS code, second factor), sessions, TOTP. */
import type { SelfServiceRole } from '$lib/roles';
import { interpret, type ApiHttp } from './api-http';
import {
  acceptedSchema,
  authStatusSchema,
  loginAnswerSchema,
  otpRequestedSchema,
  registeredSchema,
  sessionAnswerSchema,
  totpEnabledSchema,
  totpSetupSchema,
} from './identity-schemas';

const auth = (path: string) => `/api/v1/auth/${path}`;

export function createAuthApi(http: ApiHttp) {
  return {
    register: async (input: { email: string; password: string; role: SelfServiceRole }) =>
      interpret(await http.post(auth('register'), input), registeredSchema, 'the sign-up'),

    login: async (input: { email: string; password: string }) =>
      interpret(await http.post(auth('login'), input), loginAnswerSchema, 'the login'),

    loginMfa: async (input: { mfaToken: string; code: string }) =>
      interpret(await http.post(auth('login/mfa'), input), sessionAnswerSchema, 'the second factor'),

    requestOtp: async (phone: string) =>
      interpret(await http.post(auth('otp/request'), { phone }), otpRequestedSchema, 'the SMS code request'),

    /** With a role, a number without an account signs up as it; the API refuses one an existing account lacks. */
    verifyOtp: async (input: { phone: string; code: string; role?: SelfServiceRole }) =>
      interpret(await http.post(auth('otp/verify'), input), loginAnswerSchema, 'the SMS code'),

    refresh: async (refreshToken: string) =>
      interpret(await http.post(auth('refresh'), { refreshToken }), sessionAnswerSchema, 'the session refresh'),

    logout: async (refreshToken: string) =>
      interpret(await http.post(auth('logout'), { refreshToken }), acceptedSchema, 'the logout'),

    logoutAll: async () => interpret(await http.post(auth('logout-all')), acceptedSchema, 'logging out everywhere'),

    verifyEmail: async (token: string) =>
      interpret(await http.post(auth('email/verify'), { token }), acceptedSchema, 'the email verification'),

    resendVerificationEmail: async () =>
      interpret(await http.post(auth('email/resend')), acceptedSchema, 'sending the verification email again'),

    forgotPassword: async (email: string) =>
      interpret(await http.post(auth('password/forgot'), { email }), acceptedSchema, 'the password reset request'),

    resetPassword: async (input: { token: string; password: string }) =>
      interpret(await http.post(auth('password/reset'), input), acceptedSchema, 'the password reset'),

    status: async () => interpret(await http.get(auth('status')), authStatusSchema, 'the session status'),

    totpSetup: async () => interpret(await http.post(auth('totp/setup')), totpSetupSchema, 'the authenticator setup'),

    totpEnable: async (code: string) =>
      interpret(await http.post(auth('totp/enable'), { code }), totpEnabledSchema, 'turning on two-factor'),

    totpDisable: async (code: string) =>
      interpret(await http.post(auth('totp/disable'), { code }), acceptedSchema, 'turning off two-factor'),
  };
}
