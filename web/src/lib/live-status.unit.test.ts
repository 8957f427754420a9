import { describe, expect, it } from 'vitest';
import { isNewer } from './live-status';

describe('isNewer', () => {
  it('goes by revision when both sides have one, so an older push never undoes a newer page', () => {
    expect(isNewer({ status: 'waiting', revision: 5 }, { status: 'confirmed', revision: 4 })).toBe(true);
    expect(isNewer({ status: 'confirmed', revision: 4 }, { status: 'waiting', revision: 5 })).toBe(false);
    expect(isNewer({ status: 'confirmed', revision: 6 }, { status: 'confirmed', revision: 5 })).toBe(true);
  });

  it('goes by status when a revision is missing', () => {
    expect(isNewer({ status: 'waiting', revision: null }, { status: 'confirmed', revision: 4 })).toBe(true);
    expect(isNewer({ status: 'confirmed', revision: null }, { status: 'confirmed', revision: 4 })).toBe(false);
  });
});
