/**
 * Consultation methods and their fees ↔ the API: one currency for the practice, and for each
 * method a checkbox and a fee typed in major units, sent as integer minor units.
 */
import { consultationMethods, type ConsultationMethod } from '../appointment';
import type { Detail, FieldErrors } from '../form-feedback';
import { isCurrency, majorText, parseMajor } from '../money';
import type { MethodFee } from '../server/doctor-schemas';
import { textOf } from './form-values';

export interface MethodsDraft {
  currency: string;
  methods: Record<ConsultationMethod, { enabled: boolean; fee: string }>;
}

/** `currency`, `methods` (none chosen) and `fee.<method>`. */
export type MethodsErrors = FieldErrors<string>;

export function methodsDraftFromApi(methods: readonly MethodFee[], fallbackCurrency = ''): MethodsDraft {
  const currency = methods[0]?.fee.currency ?? fallbackCurrency;
  const byMethod = new Map(methods.map((entry) => [entry.method, entry.fee]));
  return {
    currency,
    methods: Object.fromEntries(
      consultationMethods.map((method) => {
        const fee = byMethod.get(method);
        return [method, { enabled: fee !== undefined, fee: fee ? majorText(fee.amountMinor, fee.currency) : '' }];
      }),
    ) as MethodsDraft['methods'],
  };
}

export function methodsDraftFromForm(form: FormData): MethodsDraft {
  return {
    currency: textOf(form, 'currency').toUpperCase(),
    methods: Object.fromEntries(
      consultationMethods.map((method) => [
        method,
        { enabled: form.get(`method.${method}`) !== null, fee: textOf(form, `fee.${method}`) },
      ]),
    ) as MethodsDraft['methods'],
  };
}

export type MethodsCheck =
  { ok: true; methods: MethodFee[]; order: ConsultationMethod[] } | { ok: false; fieldErrors: MethodsErrors };

export function methodsFromDraft(draft: MethodsDraft): MethodsCheck {
  const fieldErrors: MethodsErrors = {};
  if (!isCurrency(draft.currency)) fieldErrors.currency = 'Choose the currency you charge in.';
  const order = consultationMethods.filter((method) => draft.methods[method].enabled);
  if (order.length === 0) fieldErrors.methods = 'Offer at least one way to consult.';
  const methods: MethodFee[] = [];
  for (const method of order) {
    const parsed = parseMajor(draft.methods[method].fee, draft.currency || 'USD');
    if (parsed.ok) methods.push({ method, fee: { amountMinor: parsed.amountMinor, currency: draft.currency } });
    else fieldErrors[`fee.${method}`] = draft.methods[method].fee ? parsed.message : 'Enter the fee for this method.';
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, methods, order };
}

/** `methods.1.fee.amountMinor` → the fee of the second method sent; `…currency` → the currency. */
export function placeMethodsDetails(
  details: readonly Detail[],
  order: readonly ConsultationMethod[],
): { fieldErrors: MethodsErrors; otherDetails: string[] } {
  const fieldErrors: MethodsErrors = {};
  const otherDetails: string[] = [];
  for (const detail of details) {
    const segments = detail.path.split(/[./]/).filter((part) => part && part !== 'body');
    const method = segments[0] === 'methods' && segments[1] ? order[Number(segments[1])] : undefined;
    const key =
      segments.at(-1) === 'currency'
        ? 'currency'
        : method
          ? `fee.${method}`
          : segments[0] === 'methods'
            ? 'methods'
            : undefined;
    if (key && !fieldErrors[key]) fieldErrors[key] = detail.message;
    else otherDetails.push(detail.path ? `${detail.path}: ${detail.message}` : detail.message);
  }
  return { fieldErrors, otherDetails };
}
