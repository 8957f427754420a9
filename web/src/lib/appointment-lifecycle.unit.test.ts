import { describe, expect, it } from 'vitest';
import { nextSteps, statusAnnouncement, type LifecycleFacts } from './appointment-lifecycle';

const startsAt = '2026-12-01T10:00:00.000Z';
const facts = (overrides: Partial<LifecycleFacts> = {}): LifecycleFacts => ({
  status: 'confirmed',
  startsAt,
  checkoutUrl: null,
  checkInOpensAt: '2026-12-01T09:50:00.000Z',
  reschedulesLeft: 2,
  prescriptionIssuedAt: null,
  ...overrides,
});
const at = (iso: string) => new Date(iso);

describe('nextSteps for the patient', () => {
  it('offers paying while payment is due and there is a checkout, and cancelling, but no check-in', () => {
    const steps = nextSteps(
      facts({ status: 'pending_payment', checkoutUrl: 'http://127.0.0.1:3000/checkout/p1' }),
      'patient',
      at('2026-11-30T10:00:00Z'),
    );
    expect(steps).toMatchObject({ pay: true, cancel: true, reschedule: null, checkIn: { kind: 'none' } });
  });

  it('keeps check-in closed until the window opens, then opens it', () => {
    expect(nextSteps(facts(), 'patient', at('2026-12-01T09:49:59Z')).checkIn).toEqual({
      kind: 'not-yet',
      opensAt: '2026-12-01T09:50:00.000Z',
    });
    expect(nextSteps(facts(), 'patient', at('2026-12-01T09:50:00Z')).checkIn).toEqual({ kind: 'open' });
  });

  it('falls back to ten minutes before the start when the API does not say when check-in opens', () => {
    const steps = nextSteps(facts({ checkInOpensAt: null }), 'patient', at('2026-12-01T09:00:00Z'));
    expect(steps.checkIn).toEqual({ kind: 'not-yet', opensAt: '2026-12-01T09:50:00.000Z' });
  });

  it('lets a confirmed booking move while moves are left, and says so when none are', () => {
    const before = at('2026-11-30T10:00:00Z');
    expect(nextSteps(facts({ reschedulesLeft: 1 }), 'patient', before).reschedule).toEqual({ allowed: true, left: 1 });
    expect(nextSteps(facts({ reschedulesLeft: 0 }), 'patient', before).reschedule).toEqual({ allowed: false, left: 0 });
    expect(nextSteps(facts(), 'patient', at('2026-12-01T10:00:00Z')).reschedule).toBeNull();
  });

  it('shows the waiting room, then the way in, then the review, then the thanks', () => {
    const now = at('2026-12-01T10:01:00Z');
    expect(nextSteps(facts({ status: 'waiting' }), 'patient', now)).toMatchObject({ waitingRoom: true, join: false });
    expect(nextSteps(facts({ status: 'in_consultation' }), 'patient', now)).toMatchObject({
      waitingRoom: false,
      join: true,
      cancel: false,
    });
    expect(nextSteps(facts({ status: 'prescribed' }), 'patient', now).review).toBe(true);
    expect(nextSteps(facts({ status: 'reviewed' }), 'patient', now)).toMatchObject({ review: false, reviewed: true });
  });
});

describe('nextSteps for the doctor', () => {
  const now = at('2026-12-01T10:01:00Z');

  it('admits a waiting patient, then ends and prescribes, once', () => {
    expect(nextSteps(facts({ status: 'waiting' }), 'doctor', now)).toMatchObject({ admit: true, end: false });
    expect(nextSteps(facts({ status: 'in_consultation' }), 'doctor', now)).toMatchObject({
      join: true,
      end: true,
      prescribe: true,
    });
    const issued = facts({ status: 'consultation_ended', prescriptionIssuedAt: '2026-12-01T10:20:00Z' });
    expect(nextSteps(issued, 'doctor', now).prescribe).toBe(false);
  });

  it('may move a booking without a cap, and never checks in or reviews', () => {
    const steps = nextSteps(facts({ reschedulesLeft: 0 }), 'doctor', at('2026-11-30T10:00:00Z'));
    expect(steps).toMatchObject({ reschedule: { allowed: true, left: null }, checkIn: { kind: 'none' } });
    expect(nextSteps(facts({ status: 'consultation_ended' }), 'doctor', now).review).toBe(false);
  });
});

describe('nextSteps for staff', () => {
  it('offers nothing: staff look, they do not act from this page', () => {
    const steps = nextSteps(facts({ status: 'waiting' }), 'staff', at('2026-12-01T10:01:00Z'));
    expect(Object.values(steps).filter((value) => value === true)).toEqual([]);
    expect(steps.reschedule).toBeNull();
  });
});

describe('statusAnnouncement', () => {
  it('tells each side what the change means for them', () => {
    expect(statusAnnouncement('waiting', 'patient')).toBe('You are checked in. The doctor will admit you.');
    expect(statusAnnouncement('waiting', 'doctor')).toBe('The patient is in the waiting room.');
    expect(statusAnnouncement('something_new', 'patient')).toBe('The appointment status is now something new.');
  });
});
