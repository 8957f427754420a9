import { z } from 'zod';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** ISO 4217 alphabetic code, upper case (MZN, INR, EUR, USD). */
export const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as MZN')
  .refine((code) => CURRENCIES.has(code), { message: 'is not an ISO 4217 currency' });

/** An amount in the currency's minor unit (centavos, paise, cents): integers only, never floats. */
export const money = z.strictObject({
  amountMinor: z.number().int().min(0).max(1_000_000_000),
  currency,
});
export type Money = z.infer<typeof money>;
