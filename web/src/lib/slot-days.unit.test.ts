import { describe, expect, it } from 'vitest';
import { addDays, slotDays, wallClock } from './slot-days';

describe('slotDays', () => {
  it('puts each slot on the viewer’s calendar day at the viewer’s wall time', () => {
    // 09:00 in Lisbon (winter, UTC+0) is 14:30 in Kolkata; 23:00 UTC is already the next day there.
    const days = slotDays(
      [
        { startsAt: '2026-11-23T09:00:00.000Z', seatsLeft: 1 },
        { startsAt: '2026-11-23T23:00:00.000Z', seatsLeft: 2 },
      ],
      'Asia/Kolkata',
      '2026-11-23',
      3,
    );
    expect(days).toEqual([
      { date: '2026-11-23', slots: [{ startsAt: '2026-11-23T09:00:00.000Z', time: '14:30', seatsLeft: 1 }] },
      { date: '2026-11-24', slots: [{ startsAt: '2026-11-23T23:00:00.000Z', time: '04:30', seatsLeft: 2 }] },
      { date: '2026-11-25', slots: [] },
    ]);
  });

  it('uses the wall time the API sent when it sent one', () => {
    const [day] = slotDays(
      [{ startsAt: '2026-11-23T09:00:00.000Z', seatsLeft: 1, local: '2026-11-23T14:30' }],
      'Asia/Kolkata',
      '2026-11-23',
      1,
    );
    expect(day?.slots[0]?.time).toBe('14:30');
  });
});

describe('wallClock and addDays', () => {
  it('reads an instant on a zone’s clock, across daylight saving', () => {
    expect(wallClock('2026-07-01T08:00:00.000Z', 'Europe/Lisbon')).toBe('2026-07-01T09:00');
    expect(wallClock('2026-12-31T23:30:00.000Z', 'UTC')).toBe('2026-12-31T23:30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
