import { describe, expect, it } from 'vitest';
import { formatMoney, majorText, minorDigits, parseMajor } from './money';

describe('minorDigits', () => {
  it('knows the minor unit of each currency', () => {
    expect(minorDigits('MZN')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('BHD')).toBe(3);
  });
});

describe('parseMajor', () => {
  it.each([
    ['1500', 'MZN', 150_000],
    ['1500.5', 'MZN', 150_050],
    ['1500,50', 'INR', 150_050],
    ['1 500.05', 'EUR', 150_005],
    ['0.1', 'USD', 10],
    ['500', 'JPY', 500],
    ['1.250', 'BHD', 1250],
  ])('%s %s → %d minor units', (text, currency, minor) => {
    expect(parseMajor(text, currency)).toEqual({ ok: true, amountMinor: minor });
  });

  it('refuses what is not an amount, too many decimals and absurd sums', () => {
    expect(parseMajor('abc', 'MZN').ok).toBe(false);
    expect(parseMajor('-5', 'MZN').ok).toBe(false);
    expect(parseMajor('1.234', 'MZN')).toEqual({ ok: false, message: 'Use at most 2 decimal places.' });
    expect(parseMajor('1.5', 'JPY')).toEqual({ ok: false, message: 'JPY has no decimal places.' });
    expect(parseMajor('99999999999', 'MZN').ok).toBe(false);
  });
});

describe('majorText and formatMoney', () => {
  it('writes minor units back as major units', () => {
    expect(majorText(150_050, 'MZN')).toBe('1500.50');
    expect(majorText(5, 'USD')).toBe('0.05');
    expect(majorText(500, 'JPY')).toBe('500');
  });

  it('formats in the currency for reading', () => {
    expect(formatMoney(150_000, 'MZN', 'en-GB').replace(/\s/g, ' ')).toMatch(/MZN 1,500\.00|MTn 1,500\.00/);
    expect(formatMoney(50_000, 'INR', 'en-IN')).toBe('₹500.00');
  });
});
