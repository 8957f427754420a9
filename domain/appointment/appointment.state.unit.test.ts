import { describe, expect, it } from 'vitest';
import { c, DAY, given, h, MINUTE, at } from './appointment.fixtures.js';
import { isFinal, type AppointmentCommand } from './index.js';

const late = [...h.pending, c.expirePayment(), c.settle('succeeded', { now: '2026-11-22T10:16:00.000Z' })];

describe('isFinal', () => {
  it.each<[string, AppointmentCommand[]]>([
    ['reviewed', [...h.ended, c.review()]],
    ['completed without a review', [...h.ended, c.closeReviewWindow()]],
    ['cancelled before anything was paid', [...h.pending, c.cancel('patient', at(-2 * DAY))]],
    ['expired unpaid', [...h.pending, c.expirePayment()]],
    ['cancelled and refunded', [...h.confirmed, c.cancel('patient', at(-2 * DAY)), c.refund()]],
    ['a patient no-show', [...h.confirmed, c.noShow()]],
    ['a doctor no-show, refunded', [...h.waiting, c.noShow(), c.refund()]],
    ['a late payment, refunded', [...late, c.refund()]],
  ])('is final once %s', (_name, history) => {
    expect(isFinal(given(...history))).toBe(true);
  });

  it.each<[string, AppointmentCommand[]]>([
    ['pending payment', h.pending],
    ['confirmed', h.confirmed],
    ['reminded', [...h.confirmed, c.remind(DAY)]],
    ['waiting', h.waiting],
    ['in consultation', h.inConsultation],
    ['ended, awaiting a review', h.ended],
    ['prescribed, awaiting a review', [...h.ended, c.prescribe()]],
    ['cancelled with a refund owed', [...h.confirmed, c.cancel('patient', at(-MINUTE))]],
    ['a doctor no-show with a refund owed', [...h.waiting, c.noShow()]],
    ['cancelled and paid late, refund owed', late],
  ])('is not final while %s', (_name, history) => {
    expect(isFinal(given(...history))).toBe(false);
  });
});
