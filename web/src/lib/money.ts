/**
 * Fees: people type and read major units ("1500.50 MZN"); the API stores integers in the
 * currency's minor unit (150050 centavos). Conversion is done on the digits as text, never with
 * floating point, so 0.1 + 0.2 cannot turn into a wrong fee.
 */

/** Digits after the decimal point in the currency's minor unit: 2 for MZN and INR, 0 for JPY, 3 for BHD. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf('currency').includes(code);
}

const MAX_MINOR = 1_000_000_000;

export type ParsedAmount = { ok: true; amountMinor: number } | { ok: false; message: string };

/** "1500", "1500.5", "1500,50" or "1 500.50" in major units → minor units. */
export function parseMajor(text: string, currency: string): ParsedAmount {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(compact);
  if (!match) return { ok: false, message: 'Enter an amount such as 1500 or 1500.50.' };
  const digits = minorDigits(currency);
  const [, whole = '0', fraction = ''] = match;
  if (fraction.length > digits) {
    return {
      ok: false,
      message: digits === 0 ? `${currency} has no decimal places.` : `Use at most ${digits} decimal places.`,
    };
  }
  const amountMinor = Number(`${whole}${fraction.padEnd(digits, '0')}`);
  if (!Number.isSafeInteger(amountMinor) || amountMinor > MAX_MINOR)
    return { ok: false, message: 'That amount is too large.' };
  return { ok: true, amountMinor };
}

/** Minor units → the major-unit text a form field shows ("1500.50"); the inverse of parseMajor. */
export function majorText(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(amountMinor);
  const text = String(amountMinor).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** For reading: "MZN 1,500.00", "₹500.00", in the given locale. */
export function formatMoney(amountMinor: number, currency: string, locale?: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
      amountMinor / 10 ** minorDigits(currency),
    );
  } catch {
    return `${majorText(amountMinor, currency)} ${currency}`;
  }
}
