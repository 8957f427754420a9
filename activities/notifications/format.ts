/** Times and amounts as a person reads them: in their own time zone, in the currency's own digits. */
import type { ConsultationMethod } from '../../domain/index.js';
import type { Money } from '../../domain/shared/money.js';

const LOCALE = 'en-GB';

/** A valid IANA zone, or UTC: a profile's zone may be missing or (in old rows) unknown to this runtime. */
export function usableTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat(LOCALE, { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** "Sunday, 8 March 2026 at 14:30 (Africa/Maputo)" (the exact punctuation is ICU's). */
export function formatWhen(instant: string, timeZone: string): string {
  const zone = usableTimeZone(timeZone);
  const text = new Intl.DateTimeFormat(LOCALE, {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
  return `${text} (${zone})`;
}

/** "MZN 1,500.00", "₹500.00": the minor unit's digits come from the currency (0 for JPY). */
export function formatMoney(money: Money): string {
  const format = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: money.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amountMinor / 10 ** digits);
}

const METHOD_LABELS: Record<ConsultationMethod, string> = {
  video: 'video consultation',
  voice: 'voice consultation',
  chat: 'chat consultation',
  in_person: 'in-person visit',
};

export const methodLabel = (method: ConsultationMethod) => METHOD_LABELS[method];
