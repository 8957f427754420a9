/**
 * A service ↔ the API's service: a name, a length, the methods it is offered by (among the
 * practice's methods) and an optional fee that replaces the method's fee, typed in major units.
 */
import { isConsultationMethod } from '../appointment';
import type { FieldErrors } from '../form-feedback';
import { majorText, parseMajor } from '../money';
import type { Service } from '../server/doctor-schemas';
import type { ServiceInput } from '../server/practice-api';
import { allOf, textOf, wholeNumber } from './form-values';

export const serviceFields = ['name', 'durationMinutes', 'methods', 'feeOverride'] as const;
export type ServiceField = (typeof serviceFields)[number];

export interface ServiceDraft {
  name: string;
  durationMinutes: string;
  methods: string[];
  /** Empty: the method's own fee applies. */
  feeOverride: string;
}

export function serviceDraftFromApi(service: Service | null): ServiceDraft {
  return {
    name: service?.name ?? '',
    durationMinutes: String(service?.durationMinutes ?? 30),
    methods: service?.methods ?? [],
    feeOverride: service?.feeOverride ? majorText(service.feeOverride.amountMinor, service.feeOverride.currency) : '',
  };
}

export function serviceDraftFromForm(form: FormData): ServiceDraft {
  return {
    name: textOf(form, 'name'),
    durationMinutes: textOf(form, 'durationMinutes'),
    methods: allOf(form, 'methods'),
    feeOverride: textOf(form, 'feeOverride'),
  };
}

export type ServiceCheck = { ok: true; service: ServiceInput } | { ok: false; fieldErrors: FieldErrors<ServiceField> };

/** `currency` is the practice's (its methods'); a fee override is charged in it. */
export function serviceFromDraft(draft: ServiceDraft, currency: string | null): ServiceCheck {
  const fieldErrors: FieldErrors<ServiceField> = {};
  if (!draft.name) fieldErrors.name = 'Name the service, such as “General consultation”.';
  const duration = wholeNumber(draft.durationMinutes, 5, 480);
  if (!duration.ok) fieldErrors.durationMinutes = duration.message;
  const methods = draft.methods.filter(isConsultationMethod);
  if (methods.length === 0) fieldErrors.methods = 'Choose at least one way this service is offered.';
  let feeOverride: ServiceInput['feeOverride'];
  if (draft.feeOverride) {
    if (!currency) fieldErrors.feeOverride = 'Set your consultation fees first; a special fee uses their currency.';
    else {
      const parsed = parseMajor(draft.feeOverride, currency);
      if (parsed.ok) feeOverride = { amountMinor: parsed.amountMinor, currency };
      else fieldErrors.feeOverride = parsed.message;
    }
  }
  if (Object.keys(fieldErrors).length > 0 || !duration.ok) return { ok: false, fieldErrors };
  return {
    ok: true,
    service: { name: draft.name, durationMinutes: duration.value, methods, ...(feeOverride ? { feeOverride } : {}) },
  };
}
