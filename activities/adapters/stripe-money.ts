/**
 * Consulta's amounts count the currency's minor unit as Intl reports it (the web app parses and
 * shows them the same way); Stripe's "smallest currency unit" is its own list. The two agree for
 * most currencies, not all: ISK and HUF have no minor unit in Intl but are two-decimal in Stripe
 * (amounts in hundredths, whole units only), so 1 000 ISK is 1000 here and 100000 there.
 * https://docs.stripe.com/currencies#zero-decimal and #three-decimal
 */
import type { Money } from '../../domain/shared/money.js';
import { PaymentRefusedError } from '../ports/payments.js';

const STRIPE_ZERO_DECIMAL = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'JPY',
  'KMF',
  'KRW',
  'MGA',
  'PYG',
  'RWF',
  'UGX',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]);
const STRIPE_THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

const stripeDigits = (currency: string) =>
  STRIPE_ZERO_DECIMAL.has(currency) ? 0 : STRIPE_THREE_DECIMAL.has(currency) ? 3 : 2;

const consultaDigits = (currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** How many Stripe units make one of Consulta's (a power of ten, possibly below one). */
const scaleOf = (currency: string) => 10 ** (stripeDigits(currency) - consultaDigits(currency));

/** Money → Stripe's amount and lower-case currency; refuses what Stripe cannot charge exactly. */
export function toStripeAmount(money: Money): { amount: number; currency: string } {
  const amount = money.amountMinor * scaleOf(money.currency);
  if (!Number.isInteger(amount) || amount <= 0) {
    throw new PaymentRefusedError(
      'INVALID_AMOUNT',
      `${money.currency} ${money.amountMinor} is not a chargeable amount.`,
    );
  }
  // Stripe's partners take three-decimal amounts in whole hundredths only.
  if (stripeDigits(money.currency) === 3 && amount % 10 !== 0) {
    throw new PaymentRefusedError('INVALID_AMOUNT', `${money.currency} amounts must end in 0 for Stripe.`);
  }
  return { amount, currency: money.currency.toLowerCase() };
}

/** Stripe's amount and currency → Money; undefined when it is no whole number of Consulta's units. */
export function fromStripeAmount(amount: number, currency: string): Money | undefined {
  const code = currency.toUpperCase();
  const amountMinor = amount / scaleOf(code);
  return Number.isInteger(amountMinor) && amountMinor >= 0 ? { amountMinor, currency: code } : undefined;
}
