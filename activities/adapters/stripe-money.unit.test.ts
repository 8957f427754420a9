import { describe, expect, it } from 'vitest';
import { fromStripeAmount, toStripeAmount } from './stripe-money.js';

describe("amounts in Stripe's units", () => {
  it.each([
    [
      { amountMinor: 150_000, currency: 'MZN' },
      { amount: 150_000, currency: 'mzn' },
    ],
    [
      { amountMinor: 5_000, currency: 'JPY' },
      { amount: 5_000, currency: 'jpy' },
    ],
    // No minor unit for Consulta, hundredths for Stripe.
    [
      { amountMinor: 1_000, currency: 'ISK' },
      { amount: 100_000, currency: 'isk' },
    ],
    [
      { amountMinor: 12_340, currency: 'BHD' },
      { amount: 12_340, currency: 'bhd' },
    ],
  ])('sends %o as %o, and reads it back', (money, stripe) => {
    expect(toStripeAmount(money)).toEqual(stripe);
    expect(fromStripeAmount(stripe.amount, stripe.currency)).toEqual(money);
  });

  it('refuses what Stripe cannot charge exactly, and reads no fraction of a unit', () => {
    expect(() => toStripeAmount({ amountMinor: 0, currency: 'MZN' })).toThrow('not a chargeable amount');
    expect(() => toStripeAmount({ amountMinor: 12_345, currency: 'BHD' })).toThrow('must end in 0');
    expect(fromStripeAmount(100_050, 'isk')).toBeUndefined();
  });
});
