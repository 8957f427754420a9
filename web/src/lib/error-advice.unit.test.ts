import { describe, expect, it } from 'vitest';
import { nextStepAdvice, withAdvice } from './error-advice';

describe('nextStepAdvice', () => {
  it('answers a known code first, then the HTTP status', () => {
    expect(nextStepAdvice('SLOT_UNAVAILABLE', 409)).toBe(
      'Someone else took this time a moment ago. Choose another time.',
    );
    expect(nextStepAdvice('SOMETHING_NEW', 409)).toBe('Reload the page to see the current state, then try again.');
    expect(nextStepAdvice(null, 0)).toBe('The service is not answering. Try again in a moment.');
    expect(nextStepAdvice(null, 418)).toBe('');
  });
});

describe('withAdvice', () => {
  it('appends the advice to the API’s message as a new sentence', () => {
    expect(withAdvice('The slot is taken', 'SLOT_UNAVAILABLE', 409)).toBe(
      'The slot is taken. Someone else took this time a moment ago. Choose another time.',
    );
    expect(withAdvice('Teapot.', null, 418)).toBe('Teapot.');
  });
});
