/**
 * The API calls behind the two SMS-code steps, shared by the login and sign-up pages' `otpRequest`
 * and `otpVerify` actions. Each page checks its own fields first and decides where a success lands.
 */
import { compactPhone } from '$lib/profile';
import type { ApiClient, ApiError } from './api-client';
import { explain, httpStatusFor, rejected, text, type Explained } from './form-actions';

/** The number and the code as typed, without the spaces and punctuation people add. */
export function readPhoneAndCode(form: FormData): { phone: string; code: string } {
  return { phone: compactPhone(text(form, 'phone')), code: text(form, 'code').replace(/\s/g, '') };
}

/**
 * Texts a code to `values.phone`. Success hands the page the number and `carried` back for the
 * code step; a refusal is the page's `otpRequest` failure, still on the number step.
 */
export async function requestCode<F extends string, Carried extends object>(
  api: ApiClient,
  values: Record<F, string> & { phone: string },
  fields: readonly F[],
  carried: Carried,
) {
  const result = await api.auth.requestOtp(values.phone);
  if (!result.ok) {
    const explained = explain(result.error, result.status, fields, api.baseUrl);
    return rejected(httpStatusFor(result.status), values, explained, {
      action: 'otpRequest' as const,
      codeSent: false,
    });
  }
  return {
    action: 'otpRequest' as const,
    ok: true as const,
    phone: values.phone,
    ...carried,
    expiresInSeconds: result.data.expiresInSeconds,
  };
}

/** The API's refusal of a code; a wrong or expired one (401) is shown on the code field itself. */
export function explainCodeRefusal<F extends string>(
  error: ApiError,
  status: number,
  fields: readonly (F | 'code')[],
  baseUrl: string,
): Explained<F | 'code'> {
  const explained = explain(error, status, fields, baseUrl);
  if (status === 401 && !explained.fieldErrors.code) explained.fieldErrors.code = error.message;
  return explained;
}
