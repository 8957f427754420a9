import { describe, expect, it } from 'vitest';
import { summarizeApplication, type ApplicationStep } from './application-summary';

const step = (type: string, at: string, status: string | null, reasonCode: string | null = null): ApplicationStep => ({
  type,
  at,
  status,
  reasonCode,
});

describe('summarizeApplication', () => {
  it('has nothing to say about an application that was never submitted', () => {
    expect(summarizeApplication([])).toEqual({ submittedAt: null, waitingSince: null, lastDecision: null });
  });

  it('waits since the submission, and an escalation does not restart the wait', () => {
    const summary = summarizeApplication([
      step('ApplicationSubmitted', '2026-03-01T09:00:00.000Z', 'submitted'),
      step('ApplicationEscalated', '2026-03-03T09:00:00.000Z', null),
    ]);
    expect(summary).toEqual({
      submittedAt: '2026-03-01T09:00:00.000Z',
      waitingSince: '2026-03-01T09:00:00.000Z',
      lastDecision: null,
    });
  });

  it('waits since the review started, which is the latest decision', () => {
    const summary = summarizeApplication([
      step('ApplicationSubmitted', '2026-03-01T09:00:00.000Z', 'submitted'),
      step('ReviewStarted', '2026-03-02T10:00:00.000Z', 'in_review', 'documents_under_review'),
    ]);
    expect(summary.waitingSince).toBe('2026-03-02T10:00:00.000Z');
    expect(summary.lastDecision).toEqual({
      type: 'ReviewStarted',
      at: '2026-03-02T10:00:00.000Z',
      reasonCode: 'documents_under_review',
    });
  });

  it('does not wait for the staff while the doctor owes the next step, and keeps the decision that asked', () => {
    const summary = summarizeApplication([
      step('ApplicationSubmitted', '2026-03-01T09:00:00.000Z', 'submitted'),
      step('InformationRequested', '2026-03-02T10:00:00.000Z', 'more_information_requested', 'licence_unreadable'),
    ]);
    expect(summary.waitingSince).toBeNull();
    expect(summary.lastDecision?.type).toBe('InformationRequested');
  });

  it('waits again from a resubmission, which is not a decision', () => {
    const summary = summarizeApplication([
      step('ApplicationSubmitted', '2026-03-01T09:00:00.000Z', 'submitted'),
      step('InformationRequested', '2026-03-02T10:00:00.000Z', 'more_information_requested', 'licence_unreadable'),
      step('ApplicationResubmitted', '2026-03-04T08:00:00.000Z', 'resubmitted'),
    ]);
    expect(summary).toEqual({
      submittedAt: '2026-03-01T09:00:00.000Z',
      waitingSince: '2026-03-04T08:00:00.000Z',
      lastDecision: { type: 'InformationRequested', at: '2026-03-02T10:00:00.000Z', reasonCode: 'licence_unreadable' },
    });
  });
});
