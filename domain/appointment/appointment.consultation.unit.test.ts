import { describe, expect, it } from 'vitest';
import { at, c, DAY, DURATION, FEE, given, h, HOUR, ids, MINUTE, T, when } from './appointment.fixtures.js';
import { isFinal, type AppointmentCommand } from './index.js';

const refused = (code: string, kind?: string) =>
  expect.objectContaining({ name: 'DomainError', code, ...(kind ? { kind } : {}) });

const ENDED_AT = at(DURATION);
const REVIEW_DUE = at(DURATION + T.reviewWindowMs);

describe('check-in', () => {
  it('refuses a patient before the join window opens and says when it does', () => {
    expect(() => when(h.confirmed, c.checkIn(at(-T.joinWindowMs - 1)))).toThrow(
      expect.objectContaining({
        code: 'TOO_EARLY',
        kind: 'rule_violation',
        message: expect.stringContaining(at(-T.joinWindowMs)),
      }),
    );
  });

  it.each<[string, AppointmentCommand[], string]>([
    ['as the window opens', h.confirmed, at(-T.joinWindowMs)],
    ['after a reminder', [...h.confirmed, c.remind(DAY)], at(-MINUTE)],
    ['late, before the no-show rule applies', h.confirmed, at(5 * MINUTE)],
  ])('puts the patient in the waiting room %s', (_when, history, now) => {
    expect(when(history, c.checkIn(now))).toEqual([
      { type: 'PatientCheckedIn', data: { appointmentId: ids.appointment, checkedInAt: now } },
    ]);
    expect(given(...history, c.checkIn(now))).toMatchObject({ status: 'waiting', checkedInAt: now });
  });

  it.each([
    ['waiting', h.waiting],
    ['in consultation', h.inConsultation],
  ])('changes nothing when the patient is already %s (a reload)', (_name, history) => {
    expect(when(history, c.checkIn(at(MINUTE)))).toEqual([]);
  });

  it.each<[string, AppointmentCommand[]]>([
    ['unpaid', h.pending],
    ['cancelled', [...h.confirmed, c.cancel('doctor', at(-DAY))]],
    ['a no-show', [...h.confirmed, c.noShow()]],
  ])('refuses an appointment that is %s', (_name, history) => {
    expect(() => when(history, c.checkIn())).toThrow(refused('INVALID_STATE', 'conflict'));
  });
});

describe('admitting the patient', () => {
  it('starts the consultation for its full length plus grace from the moment of admission', () => {
    const now = at(7 * MINUTE);
    expect(when(h.waiting, c.admit(now, 'room_9'))).toEqual([
      {
        type: 'ConsultationStarted',
        data: {
          appointmentId: ids.appointment,
          roomId: 'room_9',
          startedAt: now,
          endsBy: at(7 * MINUTE + DURATION + T.sessionGraceMs),
        },
      },
    ]);
    expect(given(...h.waiting, c.admit(now)).status).toBe('in_consultation');
  });

  it('changes nothing when the consultation is already running', () => {
    expect(when(h.inConsultation, c.admit(at(MINUTE), 'room_2'))).toEqual([]);
  });

  it.each([
    ['who has not checked in', h.confirmed],
    ['who has not paid', h.pending],
  ])('refuses a patient %s', (_name, history) => {
    expect(() => when(history, c.admit())).toThrow(refused('INVALID_STATE'));
  });
});

describe('ending the consultation', () => {
  it.each(['doctor', 'system'] as const)('ends it when the %s does and opens the review window', (by) => {
    expect(when(h.inConsultation, c.end(by, ENDED_AT))).toEqual([
      {
        type: 'ConsultationEnded',
        data: { appointmentId: ids.appointment, endedBy: by, endedAt: ENDED_AT, reviewDueAt: REVIEW_DUE },
      },
    ]);
    expect(given(...h.inConsultation, c.end(by))).toMatchObject({
      status: 'consultation_ended',
      reviewDueAt: REVIEW_DUE,
      consultation: { endedBy: by, endedAt: ENDED_AT },
    });
  });

  it.each([
    ['already ended', h.ended],
    ['not started', h.waiting],
  ])('ignores the session timer when the consultation is %s, and refuses the doctor', (_name, history) => {
    expect(when(history, c.end('system'))).toEqual([]);
    expect(() => when(history, c.end('doctor'))).toThrow(refused('INVALID_STATE', 'conflict'));
  });
});

describe('no-shows', () => {
  it.each([
    ['confirmed', h.confirmed],
    ['reminded', [...h.confirmed, c.remind(DAY)]],
  ])('records the patient as absent when a %s appointment was never joined, refunding nothing', (_s, history) => {
    expect(when(history, c.noShow())).toEqual([
      {
        type: 'NoShowRecorded',
        data: { appointmentId: ids.appointment, party: 'patient', refundDue: null, recordedAt: at(T.noShowGraceMs) },
      },
    ]);
    const state = given(...history, c.noShow());
    expect(state).toMatchObject({ status: 'no_show', refundOwed: null });
    expect(isFinal(state)).toBe(true);
  });

  it('records the doctor as absent when the patient waited and was never admitted, owing everything back', () => {
    expect(when(h.waiting, c.noShow())).toEqual([
      {
        type: 'NoShowRecorded',
        data: { appointmentId: ids.appointment, party: 'doctor', refundDue: FEE, recordedAt: at(T.noShowGraceMs) },
      },
    ]);
    const owed = given(...h.waiting, c.noShow());
    expect(owed.refundOwed).toEqual({ amount: FEE, reason: 'doctor_no_show' });
    expect(isFinal(owed)).toBe(false);
    const [issued] = when([...h.waiting, c.noShow()], c.refund('re_ns', at(HOUR)));
    expect(issued).toMatchObject({ type: 'RefundIssued', data: { amount: FEE, reason: 'doctor_no_show' } });
    expect(given(...h.waiting, c.noShow(), c.refund()).status).toBe('refunded');
  });

  it('owes nothing back for a free consultation the doctor missed', () => {
    expect(given(...h.free, c.checkIn(), c.noShow())).toMatchObject({ noShow: { party: 'doctor' }, refundOwed: null });
  });

  it.each<[string, AppointmentCommand[], string]>([
    ['in consultation', h.inConsultation, at(T.noShowGraceMs)],
    ['over', h.ended, at(T.noShowGraceMs)],
    ['cancelled', [...h.confirmed, c.cancel('doctor', at(-DAY))], at(T.noShowGraceMs)],
    ['not started yet (a stale timer)', h.confirmed, at(-MINUTE)],
  ])('records nothing when the appointment is %s', (_name, history, now) => {
    expect(when(history, c.noShow(now))).toEqual([]);
  });
});

describe('prescriptions', () => {
  it('is issued during the consultation and marks the appointment prescribed once it ends', () => {
    expect(when(h.inConsultation, c.prescribe())).toEqual([
      {
        type: 'PrescriptionIssued',
        data: {
          appointmentId: ids.appointment,
          prescriptionId: ids.prescription,
          sealedPrescription: 'sealed:v1:prescription',
          medicineCount: 2,
          issuedAt: at(20 * MINUTE),
        },
      },
    ]);
    expect(given(...h.inConsultation, c.prescribe()).status).toBe('in_consultation');
    expect(given(...h.inConsultation, c.prescribe(), c.end('doctor')).status).toBe('prescribed');
  });

  it('is issued after the consultation', () => {
    expect(given(...h.ended, c.prescribe(ids.prescription, at(DURATION + MINUTE))).status).toBe('prescribed');
  });

  it('is issued once: the same one again changes nothing, another is refused', () => {
    const prescribed = [...h.ended, c.prescribe()];
    expect(when(prescribed, c.prescribe())).toEqual([]);
    expect(() => when(prescribed, c.prescribe(ids.otherPrescription))).toThrow(
      refused('ALREADY_PRESCRIBED', 'conflict'),
    );
  });

  it.each<[string, AppointmentCommand[]]>([
    ['before the consultation', h.waiting],
    ['after the review', [...h.ended, c.review()]],
  ])('is refused %s', (_name, history) => {
    expect(() => when(history, c.prescribe())).toThrow(refused('INVALID_STATE'));
  });
});

describe('reviews', () => {
  it('is accepted once the consultation has ended', () => {
    expect(when(h.ended, c.review(at(DURATION + DAY), 4))).toEqual([
      {
        type: 'ReviewSubmitted',
        data: {
          appointmentId: ids.appointment,
          doctorId: ids.doctor,
          rating: 4,
          sealedComment: 'sealed:v1:comment',
          submittedAt: at(DURATION + DAY),
        },
      },
    ]);
    const reviewed = given(...h.ended, c.prescribe(), c.review());
    expect(reviewed).toMatchObject({ status: 'reviewed', review: { rating: 5 } });
    expect(isFinal(reviewed)).toBe(true);
  });

  it('is refused before the consultation has ended', () => {
    expect(() => when(h.inConsultation, c.review(at(MINUTE)))).toThrow(refused('INVALID_STATE', 'conflict'));
  });

  it('is accepted once only', () => {
    expect(() => when([...h.ended, c.review()], c.review())).toThrow(refused('ALREADY_REVIEWED', 'conflict'));
  });

  it('is accepted up to the due time and refused after it, whether or not the window has been closed', () => {
    expect(when(h.ended, c.review(REVIEW_DUE)).map((e) => e.type)).toEqual(['ReviewSubmitted']);
    const late = at(DURATION + T.reviewWindowMs + 1);
    expect(() => when(h.ended, c.review(late))).toThrow(refused('REVIEW_WINDOW_CLOSED', 'rule_violation'));
    expect(() => when([...h.ended, c.closeReviewWindow()], c.review(late))).toThrow(
      refused('REVIEW_WINDOW_CLOSED', 'rule_violation'),
    );
  });

  it('reminds the patient once, and not after they reviewed', () => {
    expect(when(h.ended, c.remindReview())).toEqual([
      {
        type: 'ReviewReminderSent',
        data: { appointmentId: ids.appointment, sentAt: at(DURATION + T.reviewReminderMs) },
      },
    ]);
    expect(when([...h.ended, c.remindReview()], c.remindReview())).toEqual([]);
    expect(when([...h.ended, c.review()], c.remindReview())).toEqual([]);
  });

  it('completes the appointment when the window closes without a review, and not after one', () => {
    expect(when(h.ended, c.closeReviewWindow())).toEqual([
      { type: 'ReviewWindowClosed', data: { appointmentId: ids.appointment, closedAt: REVIEW_DUE } },
    ]);
    const completed = given(...h.ended, c.closeReviewWindow());
    expect(completed.status).toBe('completed');
    expect(isFinal(completed)).toBe(true);
    expect(when([...h.ended, c.review()], c.closeReviewWindow())).toEqual([]);
  });
});
