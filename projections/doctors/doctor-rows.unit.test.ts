import { describe, expect, it } from 'vitest';
import type { VerificationEvent } from '../../domain/verification/index.js';
import {
  emptySearchRow,
  evolveApplicationRow,
  evolveSearchRowWithVerification,
  normalizeSearchText,
} from './doctor-rows.js';

const doctorId = '0b0e4c2a-5f1e-4a59-9a51-4d9b8c1e7a01';
const adminId = '7a7a7a7a-7a7a-47a7-87a7-7a7a7a7a7a7a';
const submitted: VerificationEvent = {
  type: 'ApplicationSubmitted',
  data: { doctorId, submittedAt: '2026-03-01T08:00:00.000Z' },
};
const decided = (type: 'ReviewStarted' | 'DoctorVerified' | 'DoctorSuspended', at: string): VerificationEvent => ({
  type,
  data: { doctorId, decidedBy: adminId, reasonCode: 'other', noteId: null, decidedAt: at },
});

describe('doctors read model folds', () => {
  it('tracks verification status on the search row and ignores redelivered events', () => {
    const meta = (revision: number) => ({ revision, recordedAt: '2026-03-01T09:00:00.000Z' });
    let row = emptySearchRow(doctorId, '2026-03-01T08:00:00.000Z');
    row = evolveSearchRowWithVerification(row, submitted, meta(0));
    row = evolveSearchRowWithVerification(row, decided('ReviewStarted', '2026-03-01T09:00:00.000Z'), meta(1));
    row = evolveSearchRowWithVerification(row, decided('DoctorVerified', '2026-03-01T10:00:00.000Z'), meta(2));
    expect(row).toMatchObject({ verificationStatus: 'verified', verifiedAt: '2026-03-01T10:00:00.000Z' });
    expect(evolveSearchRowWithVerification(row, decided('DoctorSuspended', 'x'), meta(2))).toBe(row);
    expect(
      evolveSearchRowWithVerification(row, decided('DoctorSuspended', '2026-03-02T10:00:00.000Z'), meta(3)),
    ).toMatchObject({
      verificationStatus: 'suspended',
    });
  });

  it('queues an application from its submission, with the last decision', () => {
    const meta = (revision: number) => ({ revision, recordedAt: '2026-03-01T09:00:00.000Z', doctorId });
    expect(evolveApplicationRow(null, decided('ReviewStarted', '2026-03-01T09:00:00.000Z'), meta(0))).toBeNull();
    const queued = evolveApplicationRow(null, submitted, meta(0));
    expect(queued).toMatchObject({ state: { status: 'submitted', waitingSince: '2026-03-01T08:00:00.000Z' } });
    const reviewing = evolveApplicationRow(queued, decided('ReviewStarted', '2026-03-01T09:00:00.000Z'), meta(1));
    expect(reviewing).toMatchObject({ state: { status: 'in_review' }, lastReasonCode: 'other', streamRevision: 1 });
  });

  it('matches text without accents or case', () => {
    expect(normalizeSearchText('  Dr. Ana  MACUÁCUA, Clínica ')).toBe('dr. ana macuacua, clinica');
  });
});
