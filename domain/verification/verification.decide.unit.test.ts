import { describe, expect, it } from 'vitest';
import {
  decideVerification,
  evolveVerification,
  initialVerificationState,
  type AdminDecisionKind,
  type VerificationCommand,
  type VerificationState,
} from './index.js';

const doctorId = '0b0e4c2a-5f1e-4a59-9a51-4d9b8c1e7a01';
const adminId = '7a7a7a7a-7a7a-47a7-87a7-7a7a7a7a7a7a';
let clock = Date.parse('2026-03-01T08:00:00.000Z');
const tick = () => new Date((clock += 60_000)).toISOString();

const submit = (): VerificationCommand => ({ type: 'SubmitApplication', doctorId, now: tick() });
const decide = (decision: AdminDecisionKind): VerificationCommand => ({
  type: 'DecideApplication',
  doctorId,
  decision: { decision, decidedBy: adminId, reasonCode: 'other', noteId: null },
  now: tick(),
});
const escalate = (): VerificationCommand => ({ type: 'EscalateApplication', doctorId, now: tick() });

function given(...commands: VerificationCommand[]): VerificationState {
  return commands.reduce(
    (state, c) => decideVerification(c, state).reduce(evolveVerification, state),
    initialVerificationState,
  );
}

describe('verification decider', () => {
  it('walks submitted → in review → more information → resubmitted → in review → verified', () => {
    const state = given(
      submit(),
      decide('start_review'),
      decide('request_information'),
      submit(),
      decide('start_review'),
      decide('verify'),
    );
    expect(state).toMatchObject({ status: 'verified', waitingSince: null, escalated: false });
    expect(
      decideVerification(submit(), given(submit(), decide('start_review'), decide('request_information')))[0]?.type,
    ).toBe('ApplicationResubmitted');
  });

  it('suspends and reinstates a verified doctor', () => {
    const verified = [submit(), decide('start_review'), decide('verify')];
    expect(given(...verified, decide('suspend')).status).toBe('suspended');
    expect(given(...verified, decide('suspend'), decide('reinstate')).status).toBe('verified');
  });

  it.each<[string, () => VerificationCommand[], AdminDecisionKind | 'submit']>([
    ['verify before review', () => [submit()], 'verify'],
    ['review before submission', () => [], 'start_review'],
    ['submit twice', () => [submit()], 'submit'],
    ['suspend an unverified doctor', () => [submit(), decide('start_review')], 'suspend'],
    ['reinstate a verified doctor', () => [submit(), decide('start_review'), decide('verify')], 'reinstate'],
  ])('refuses to %s with INVALID_STATE', (_name, history, next) => {
    const command = next === 'submit' ? submit() : decide(next);
    expect(() => decideVerification(command, given(...history()))).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE', kind: 'conflict' }),
    );
  });

  it('escalates a waiting application once per wait, and never one that is not waiting', () => {
    const waiting = given(submit());
    expect(decideVerification(escalate(), waiting)).toEqual([
      {
        type: 'ApplicationEscalated',
        data: { doctorId, waitingSince: waiting.waitingSince, escalatedAt: expect.any(String) },
      },
    ]);
    expect(decideVerification(escalate(), given(submit(), escalate()))).toEqual([]);
    expect(given(submit(), escalate(), decide('start_review'))).toMatchObject({
      escalated: false,
      status: 'in_review',
    });
    expect(decideVerification(escalate(), given(submit(), decide('start_review'), decide('verify')))).toEqual([]);
  });
});
