import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import {
  decideDoctorPractice,
  evolveDoctorPractice,
  initialDoctorPractice,
  missingSections,
  practiceProfile,
  type DoctorCommand,
  type DoctorPractice,
} from './index.js';

const doctorId = '0b0e4c2a-5f1e-4a59-9a51-4d9b8c1e7a01';
const serviceId = '5e7c1d3a-2b8f-4c6d-9e0a-1f2b3c4d5e01';
const NOW = '2026-03-01T08:00:00.000Z';

type Body<T extends DoctorCommand['type']> = Omit<Extract<DoctorCommand, { type: T }>, 'doctorId' | 'now' | 'type'>;
const command = <T extends DoctorCommand['type']>(type: T, body: Body<T>): DoctorCommand =>
  ({ type, doctorId, now: NOW, ...body }) as unknown as DoctorCommand;

const profile = practiceProfile.parse({
  displayName: 'Dr. Ana Macuácua',
  practiceName: 'Clínica Polana',
  bio: 'General practitioner.',
  specializationIds: ['general-practice'],
  yearsOfExperience: 12,
  languages: ['pt-mz', 'en'],
  licence: { number: 'OMM-1234', issuingBody: 'Ordem dos Médicos de Moçambique' },
  education: [{ degree: 'MD', institution: 'Universidade Eduardo Mondlane', year: 2012 }],
});
const availability = {
  timeZone: 'Africa/Maputo',
  weekly: [{ weekday: 'monday' as const, start: '09:00', end: '12:00' }],
  slotLengthMinutes: 30,
  bufferMinutes: 0,
  minimumNoticeMinutes: 60,
  maxDaysAhead: 30,
};
const methods = command('SetConsultationMethods', {
  methods: [{ method: 'video', fee: { amountMinor: 150_000, currency: 'MZN' } }],
});
const addService = command('AddService', {
  serviceId,
  service: { name: 'General consultation (30 min)', durationMinutes: 30, methods: ['video'] },
});
// Monday 2026-03-02 10:00 in Maputo.
const booked = {
  appointmentId: '44444444-4444-4444-8444-444444444444',
  serviceId,
  startsAt: '2026-03-02T08:00:00.000Z',
};

function given(...commands: DoctorCommand[]): DoctorPractice {
  return commands.reduce(
    (state, c) => decideDoctorPractice(c, state).reduce(evolveDoctorPractice, state),
    initialDoctorPractice,
  );
}

describe('doctor practice decider', () => {
  it('canonicalises language tags in the profile', () => {
    expect(profile.languages).toEqual(['pt-MZ', 'en']);
  });

  it('is complete for an application once profile, availability, methods, services and both credentials are there', () => {
    expect(missingSections(initialDoctorPractice, [])).toEqual([
      'profile',
      'availability',
      'methods',
      'services',
      'documents',
    ]);
    const state = given(
      command('UpdateProfile', { profile }),
      command('SetAvailability', { availability, upcoming: [] }),
      methods,
      addService,
    );
    expect(missingSections(state, ['government_id', 'medical_licence'])).toEqual([]);
    // Both credentials are needed; a profile photo stands in for neither.
    expect(missingSections(state, ['medical_licence', 'photo'])).toEqual(['documents']);
    expect(missingSections(state, ['government_id'])).toEqual(['documents']);
  });

  it('refuses a service offering a method without a fee', () => {
    expect(() => decideDoctorPractice(addService, initialDoctorPractice)).toThrow(
      expect.objectContaining({ code: 'METHOD_NOT_OFFERED' }),
    );
  });

  it('refuses availability that would orphan a booked appointment, naming it', () => {
    const state = given(command('SetAvailability', { availability, upcoming: [] }), methods, addService);
    const afternoonsOnly = { ...availability, weekly: [{ weekday: 'monday' as const, start: '14:00', end: '17:00' }] };
    expect(() =>
      decideDoctorPractice(command('SetAvailability', { availability: afternoonsOnly, upcoming: [booked] }), state),
    ).toThrow(
      expect.objectContaining({
        code: 'AVAILABILITY_CONFLICT',
        kind: 'conflict',
        details: [{ path: `appointments.${booked.appointmentId}`, message: `booked for ${booked.startsAt}` }],
      }),
    );
    // Moving the same hours to another zone orphans it too; widening them does not.
    expect(() =>
      decideDoctorPractice(
        command('SetAvailability', { availability: { ...availability, timeZone: 'Asia/Kolkata' }, upcoming: [booked] }),
        state,
      ),
    ).toThrow(DomainError);
    const wider = { ...availability, weekly: [{ weekday: 'monday' as const, start: '08:00', end: '17:00' }] };
    expect(
      decideDoctorPractice(command('SetAvailability', { availability: wider, upcoming: [booked] }), state),
    ).toHaveLength(1);
  });

  it('measures a booking by the end it pinned, not by its service’s length today', () => {
    const state = given(command('SetAvailability', { availability, upcoming: [] }), methods, addService);
    // Booked for an hour (10:00–11:00 in Maputo) before the service was shortened to 30 minutes.
    const hour = { ...booked, endsAt: '2026-03-02T09:00:00.000Z' };
    const untilHalfPastTen = {
      ...availability,
      weekly: [{ weekday: 'monday' as const, start: '09:00', end: '10:30' }],
    };
    expect(
      decideDoctorPractice(command('SetAvailability', { availability: untilHalfPastTen, upcoming: [booked] }), state),
    ).toHaveLength(1);
    expect(() =>
      decideDoctorPractice(command('SetAvailability', { availability: untilHalfPastTen, upcoming: [hour] }), state),
    ).toThrow(expect.objectContaining({ code: 'AVAILABILITY_CONFLICT' }));
    const lastQuarter = { startsAt: '2026-03-02T08:45:00.000Z', endsAt: '2026-03-02T09:00:00.000Z' };
    const blockId = '77777777-7777-4777-8777-777777777777';
    expect(() =>
      decideDoctorPractice(
        command('BlockTime', { blockId, range: lastQuarter, reason: 'other', upcoming: [hour] }),
        state,
      ),
    ).toThrow(expect.objectContaining({ code: 'AVAILABILITY_CONFLICT' }));
  });

  it('refuses to block time over a booked appointment and unblocks by id', () => {
    const blockId = '66666666-6666-4666-8666-666666666666';
    const state = given(methods, addService);
    const over = { startsAt: '2026-03-02T08:15:00.000Z', endsAt: '2026-03-02T09:00:00.000Z' };
    expect(() =>
      decideDoctorPractice(command('BlockTime', { blockId, range: over, reason: 'other', upcoming: [booked] }), state),
    ).toThrow(expect.objectContaining({ code: 'AVAILABILITY_CONFLICT' }));
    const after = { startsAt: '2026-03-02T08:30:00.000Z', endsAt: '2026-03-02T09:00:00.000Z' };
    const blocked = given(
      methods,
      addService,
      command('BlockTime', { blockId, range: after, reason: 'vacation', upcoming: [booked] }),
    );
    expect(blocked.blocked).toEqual([{ id: blockId, ...after, reason: 'vacation' }]);
    expect(
      given(
        methods,
        addService,
        command('BlockTime', { blockId, range: after, reason: 'vacation', upcoming: [] }),
        command('UnblockTime', { blockId }),
      ).blocked,
    ).toEqual([]);
    expect(() => decideDoctorPractice(command('UnblockTime', { blockId }), state)).toThrow(
      expect.objectContaining({ code: 'BLOCKED_TIME_NOT_FOUND', kind: 'not_found' }),
    );
  });

  it('updates and removes services by id, and toggles online only when it changes', () => {
    const state = given(methods, addService);
    const renamed = given(
      methods,
      addService,
      command('UpdateService', { serviceId, service: { name: 'Follow-up', durationMinutes: 20, methods: ['video'] } }),
    );
    expect(renamed.services).toEqual([{ id: serviceId, name: 'Follow-up', durationMinutes: 20, methods: ['video'] }]);
    expect(given(methods, addService, command('RemoveService', { serviceId })).services).toEqual([]);
    expect(() => decideDoctorPractice(addService, state)).toThrow(expect.objectContaining({ code: 'SERVICE_EXISTS' }));
    expect(given(command('SetOnline', { online: true })).online).toBe(true);
    expect(decideDoctorPractice(command('SetOnline', { online: false }), initialDoctorPractice)).toEqual([]);
  });
});
