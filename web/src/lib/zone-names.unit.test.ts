import { describe, expect, it } from 'vitest';
import { currentZoneName, zoneLabel } from './zone-names';

describe('zone names', () => {
  it('reads old ICU names as today’s', () => {
    expect(currentZoneName('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(currentZoneName('Europe/Lisbon')).toBe('Europe/Lisbon');
    expect(zoneLabel('America/Sao_Paulo')).toBe('America/Sao Paulo');
  });
});
