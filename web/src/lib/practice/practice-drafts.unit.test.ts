import { describe, expect, it } from 'vitest';
import {
  availabilityDraftFromApi,
  availabilityDraftFromForm,
  availabilityFromDraft,
  placeAvailabilityDetails,
} from './availability-draft';
import { methodsDraftFromApi, methodsDraftFromForm, methodsFromDraft, placeMethodsDetails } from './methods-draft';
import { profileDraftFromForm, profileFromDraft } from './profile-draft';
import { serviceDraftFromForm, serviceFromDraft } from './service-draft';

const formOf = (entries: Array<[string, string]>) => {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
};

describe('the practice profile form', () => {
  const filled: Array<[string, string]> = [
    ['displayName', 'Dr. Ana Macuácua'],
    ['practiceName', 'Clínica Polana'],
    ['bio', ''],
    ['specializationIds', 'cardiology'],
    ['yearsOfExperience', '12'],
    ['languages', 'pt'],
    ['otherLanguages', 'pt-MZ, ts'],
    ['licence.number', 'OMM-1234'],
    ['licence.issuingBody', 'Ordem dos Médicos'],
    ['education.0.degree', 'MD'],
    ['education.0.institution', 'UEM'],
    ['education.0.year', '2012'],
    ['education.1.degree', ''],
    ['education.1.institution', ''],
    ['education.1.year', ''],
  ];

  it('builds the API’s profile, merging typed languages and skipping empty education rows', () => {
    expect(profileFromDraft(profileDraftFromForm(formOf(filled)))).toEqual({
      ok: true,
      profile: {
        displayName: 'Dr. Ana Macuácua',
        practiceName: 'Clínica Polana',
        bio: '',
        specializationIds: ['cardiology'],
        yearsOfExperience: 12,
        languages: ['pt', 'pt-MZ', 'ts'],
        licence: { number: 'OMM-1234', issuingBody: 'Ordem dos Médicos' },
        education: [{ degree: 'MD', institution: 'UEM', year: 2012 }],
      },
    });
  });

  it('says what is missing, field by field', () => {
    const checked = profileFromDraft(profileDraftFromForm(formOf([['education.0.degree', 'MD']])));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.fieldErrors).sort()).toEqual(
      [
        'displayName',
        'education',
        'languages',
        'licence.issuingBody',
        'licence.number',
        'practiceName',
        'specializationIds',
        'yearsOfExperience',
      ].sort(),
    );
  });
});

describe('the opening hours form', () => {
  const base: Array<[string, string]> = [
    ['timeZone', 'Europe/Lisbon'],
    ['slotLengthMinutes', '30'],
    ['bufferMinutes', '0'],
    ['minimumNoticeMinutes', '60'],
    ['maxDaysAhead', '30'],
  ];

  it('sends each interval in weekday order, ignoring empty rows, with midnight as 24:00', () => {
    const form = formOf([
      ...base,
      ['weekly.tuesday.0.start', '09:00'],
      ['weekly.tuesday.0.end', '12:00'],
      ['weekly.monday.0.start', '14:00'],
      ['weekly.monday.0.end', '00:00'],
      ['weekly.monday.1.start', ''],
      ['weekly.monday.1.end', ''],
    ]);
    expect(availabilityFromDraft(availabilityDraftFromForm(form))).toEqual({
      ok: true,
      availability: {
        timeZone: 'Europe/Lisbon',
        slotLengthMinutes: 30,
        bufferMinutes: 0,
        minimumNoticeMinutes: 60,
        maxDaysAhead: 30,
        weekly: [
          { weekday: 'monday', start: '14:00', end: '24:00' },
          { weekday: 'tuesday', start: '09:00', end: '12:00' },
        ],
      },
      rowKeys: ['monday.0', 'tuesday.0'],
    });
  });

  it('refuses backwards and overlapping intervals on their own row', () => {
    const form = formOf([
      ...base,
      ['weekly.friday.0.start', '09:00'],
      ['weekly.friday.0.end', '12:00'],
      ['weekly.friday.1.start', '11:00'],
      ['weekly.friday.1.end', '13:00'],
      ['weekly.sunday.0.start', '15:00'],
      ['weekly.sunday.0.end', '10:00'],
    ]);
    const checked = availabilityFromDraft(availabilityDraftFromForm(form));
    expect(checked).toEqual({
      ok: false,
      fieldErrors: {
        'friday.1': 'Overlaps another interval on Friday.',
        'sunday.0': 'The end must be after the start.',
      },
    });
  });

  it('puts the API’s details on the row they name', () => {
    expect(
      placeAvailabilityDetails(
        [
          { path: 'body.weekly.1.end', message: 'start must be before end' },
          { path: 'body.timeZone', message: 'must be an IANA time zone' },
        ],
        ['monday.0', 'tuesday.0'],
      ),
    ).toEqual({
      fieldErrors: { 'tuesday.0': 'start must be before end', timeZone: 'must be an IANA time zone' },
      otherDetails: [],
    });
  });

  it('starts from sensible rules when nothing is set', () => {
    expect(availabilityDraftFromApi(null)).toMatchObject({
      timeZone: '',
      slotLengthMinutes: '30',
      weekly: { monday: [] },
    });
  });
});

describe('the fees form', () => {
  it('sends the chosen methods with fees in minor units of one currency', () => {
    const form = formOf([
      ['currency', 'eur'],
      ['method.video', 'on'],
      ['fee.video', '40'],
      ['fee.voice', '99'],
      ['method.in_person', 'on'],
      ['fee.in_person', '55.5'],
    ]);
    expect(methodsFromDraft(methodsDraftFromForm(form))).toEqual({
      ok: true,
      methods: [
        { method: 'video', fee: { amountMinor: 4000, currency: 'EUR' } },
        { method: 'in_person', fee: { amountMinor: 5550, currency: 'EUR' } },
      ],
      order: ['video', 'in_person'],
    });
  });

  it('asks for a fee for each chosen method, and maps the API’s details back', () => {
    const checked = methodsFromDraft(
      methodsDraftFromForm(
        formOf([
          ['currency', 'EUR'],
          ['method.chat', 'on'],
        ]),
      ),
    );
    expect(checked).toEqual({ ok: false, fieldErrors: { 'fee.chat': 'Enter the fee for this method.' } });
    expect(
      placeMethodsDetails([{ path: 'body.methods.1.fee.amountMinor', message: 'too big' }], ['video', 'chat']),
    ).toEqual({
      fieldErrors: { 'fee.chat': 'too big' },
      otherDetails: [],
    });
  });

  it('shows saved fees in major units', () => {
    const draft = methodsDraftFromApi([{ method: 'chat', fee: { amountMinor: 80_000, currency: 'MZN' } }]);
    expect(draft.currency).toBe('MZN');
    expect(draft.methods.chat).toEqual({ enabled: true, fee: '800.00' });
    expect(draft.methods.video).toEqual({ enabled: false, fee: '' });
  });
});

describe('the service form', () => {
  it('sends a special fee in the practice’s currency, and none when left empty', () => {
    const form = (fee: string) =>
      formOf([
        ['name', 'Follow-up'],
        ['durationMinutes', '15'],
        ['methods', 'video'],
        ['methods', 'astral'],
        ['feeOverride', fee],
      ]);
    expect(serviceFromDraft(serviceDraftFromForm(form('500')), 'INR')).toEqual({
      ok: true,
      service: {
        name: 'Follow-up',
        durationMinutes: 15,
        methods: ['video'],
        feeOverride: { amountMinor: 50_000, currency: 'INR' },
      },
    });
    expect(serviceFromDraft(serviceDraftFromForm(form('')), null)).toEqual({
      ok: true,
      service: { name: 'Follow-up', durationMinutes: 15, methods: ['video'] },
    });
    expect(serviceFromDraft(serviceDraftFromForm(form('5')), null)).toMatchObject({
      ok: false,
      fieldErrors: { feeOverride: expect.any(String) },
    });
  });
});
