/** Currencies for pickers: the ones practices on Consulta charge in most, then every other ISO 4217 code. */
export const commonCurrencies = ['MZN', 'ZAR', 'KES', 'NGN', 'INR', 'BRL', 'EUR', 'USD', 'GBP'] as const;

export function currencyOptions(): Array<{ value: string; label: string; common: boolean }> {
  const names = new Intl.DisplayNames(['en'], { type: 'currency' });
  const label = (code: string) => `${code} · ${names.of(code) ?? code}`;
  const common = new Set<string>(commonCurrencies);
  const others = Intl.supportedValuesOf('currency').filter((code) => !common.has(code));
  return [
    ...commonCurrencies.map((code) => ({ value: code, label: label(code), common: true })),
    ...others.map((code) => ({ value: code, label: label(code), common: false })),
  ];
}
