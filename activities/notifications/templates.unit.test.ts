import { describe, expect, it } from 'vitest';
import type { NotificationKind, NotifyInput } from '../appointment-effects.js';
import type { Parties } from './recipients.js';
import { AUDIENCE, renderNotification } from './templates.js';

const parties: Parties = {
  patient: { role: 'patient', accountId: 'p', channel: 'email', name: 'Priya Sharma', timeZone: 'Asia/Kolkata' },
  doctor: { role: 'doctor', accountId: 'd', channel: 'email', name: 'Dr. Ana Macuácua', timeZone: 'Africa/Maputo' },
  dependantName: null,
  patientName: 'Priya Sharma',
};
const input = (kind: NotificationKind, extra: Partial<NotifyInput> = {}): NotifyInput => ({
  kind,
  eventRevision: 4,
  facts: {
    appointmentId: '5b04f75f-1e29-4bc8-ba99-2851ce76b2cd',
    patientId: 'p',
    bookedBy: 'p',
    doctorId: 'd',
    serviceName: 'General consultation',
    method: 'video',
    startsAt: '2026-03-08T09:00:00.000Z',
    endsAt: '2026-03-08T09:30:00.000Z',
    fee: { amountMinor: 150_000, currency: 'MZN' },
  },
  ...extra,
});
const options = {
  publicWebUrl: 'https://consulta.example',
  now: new Date('2026-03-01T00:00:00Z'),
  organizerEmail: 'no-reply@consulta.example',
};

describe('renderNotification', () => {
  it('renders every kind for everyone in its audience, with a link and an SMS line', () => {
    for (const kind of Object.keys(AUDIENCE) as NotificationKind[]) {
      for (const role of AUDIENCE[kind]) {
        const message = renderNotification(input(kind), parties[role], parties, options);
        expect(message.subject.length, `${kind}/${role}`).toBeGreaterThan(5);
        expect(message.text).toContain('https://consulta.example/appointments/5b04f75f-1e29-4bc8-ba99-2851ce76b2cd');
        expect(message.sms.length).toBeLessThan(200);
      }
    }
  });

  it('attaches a calendar invitation only to confirmations, moves and cancellations', () => {
    const withCalendar = (Object.keys(AUDIENCE) as NotificationKind[]).filter(
      (kind) => renderNotification(input(kind), parties.patient, parties, options).calendar,
    );
    expect(withCalendar.sort()).toEqual(['appointment_cancelled', 'appointment_confirmed', 'appointment_rescheduled']);
  });

  it('writes the start in each recipient’s own zone', () => {
    const forPatient = renderNotification(input('appointment_reminder'), parties.patient, parties, options);
    const forDoctor = renderNotification(input('appointment_reminder'), parties.doctor, parties, options);
    expect(forPatient.text).toContain('14:30 (Asia/Kolkata)');
    expect(forDoctor.text).toContain('11:00 (Africa/Maputo)');
  });

  it('tells a patient about a doctor no-show with the refund, in the currency’s digits', () => {
    const message = renderNotification(
      input('no_show_recorded', { noShowParty: 'doctor', refund: { amountMinor: 150_000, currency: 'MZN' } }),
      parties.patient,
      parties,
      options,
    );
    expect(message.subject).toBe('Your doctor did not join');
    expect(message.text).toMatch(/full refund of MZN\s1,500\.00/);
    const yen = renderNotification(
      input('refund_issued', { refund: { amountMinor: 5000, currency: 'JPY' } }),
      parties.patient,
      parties,
      options,
    );
    expect(yen.subject).toMatch(/5,000/);
  });

  it('falls back to UTC for a zone the runtime does not know', () => {
    const lost = { ...parties.patient, timeZone: 'Mars/Olympus_Mons' };
    expect(renderNotification(input('appointment_reminder'), lost, parties, options).text).toContain('09:00 (UTC)');
  });
});
