/**
 * Demo doctors: 32 verified practices across specializations, languages, methods, fees and time
 * zones, with fixed ids (DEMO.doctorId, then uuid v5 of the index). Each practice is written to its
 * stream through the domain decider with deterministic event ids; verification goes through the
 * verification workflow as the demo admin, like a real application. Each gets an account with the
 * doctor role (search lists only doctors whose account may practise); none has a password except
 * the first, whose login seed-accounts.ts creates when it runs first. Idempotent: an account or a
 * practice that exists is left as it is, and a verified doctor is not touched again.
 */
import type { Client } from '@temporalio/client';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { v5 as uuidv5 } from 'uuid';
import { deterministicEventId } from '../../activities/event-ids.js';
import { insertAccount, insertRole } from '../../api/auth/accounts.js';
import type { Queryable } from '../../api/auth/transaction.js';
import type { AvailabilitySettings, WeeklyWindow } from '../../domain/availability/index.js';
import {
  decideDoctorPractice,
  doctorStreamId,
  doctorVerificationStreamId,
  doctorVerificationWorkflowId,
  evolveDoctorPractice,
  initialDoctorPractice,
  practiceProfile,
  type ConsultationMethod,
  type DoctorCommand,
  type DoctorEvent,
} from '../../domain/doctor/index.js';
import {
  evolveVerification,
  initialVerificationState,
  isVerificationEventType,
  parseVerificationEvent,
  type AdminDecisionKind,
} from '../../domain/verification/index.js';
import type { EventStore, JsonObject } from '../../eventstore/index.js';
import {
  decideApplicationUpdate,
  DEFAULT_VERIFICATION_SLA_MS,
  DOCTOR_VERIFICATION_WORKFLOW_TYPE,
  submitApplicationUpdate,
} from '../../workflows/doctor-verification.messages.js';
import type { doctorVerificationWorkflow } from '../../workflows/doctor-verification.workflow.js';
import { DEMO } from './demo-data.js';

// Namespace of demo doctor and service ids (a random v4, chosen once).
const DEMO_DOCTOR_NAMESPACE = '3c9e7a51-0d2b-4f68-9a14-6b8e2d7c5f90';
export const DEMO_DOCTOR_COUNT = 32;

export const demoDoctorId = (index: number) =>
  index === 0 ? DEMO.doctorId : uuidv5(`demo-doctor-${index}`, DEMO_DOCTOR_NAMESPACE);
const demoServiceId = (index: number, service: number) =>
  index === 0 && service === 0
    ? DEMO.serviceId
    : uuidv5(`demo-doctor-${index}/service-${service}`, DEMO_DOCTOR_NAMESPACE);

const NAMES = [
  'Dr. Ana Macuácua',
  'Dr. Priya Raman',
  'Dr. João Ferreira',
  'Dr. Emily Carter',
  'Dr. Amina Njoroge',
  'Dr. Lucas Oliveira',
  'Dr. Tendai Sitoe',
  'Dr. Arjun Mehta',
  'Dr. Inês Carvalho',
  'Dr. Marcus Bell',
  'Dr. Wanjiru Kamau',
  'Dr. Beatriz Santos',
  'Dr. Celso Mondlane',
  'Dr. Kavya Iyer',
  'Dr. Rui Almeida',
  'Dr. Sofia Ramirez',
  'Dr. Otieno Ochieng',
  'Dr. Camila Rocha',
  'Dr. Nádia Chissano',
  'Dr. Rohan Das',
  'Dr. Marta Sousa',
  'Dr. Daniel Kim',
  'Dr. Zawadi Mwangi',
  'Dr. Gabriel Lima',
  'Dr. Helena Cossa',
  'Dr. Ananya Bose',
  'Dr. Tiago Mendes',
  'Dr. Rachel Green',
  'Dr. Baraka Otieno',
  'Dr. Larissa Costa',
  'Dr. Eduardo Tembe',
  'Dr. Meera Pillai',
];

const ZONES = [
  { timeZone: 'Africa/Maputo', currency: 'MZN', fee: 150_000, languages: ['pt-MZ', 'en'], city: 'Maputo' },
  { timeZone: 'Asia/Kolkata', currency: 'INR', fee: 60_000, languages: ['hi', 'en', 'bn'], city: 'Kolkata' },
  { timeZone: 'Europe/Lisbon', currency: 'EUR', fee: 4_500, languages: ['pt-PT', 'en', 'fr'], city: 'Lisboa' },
  { timeZone: 'America/New_York', currency: 'USD', fee: 9_000, languages: ['en', 'es'], city: 'New York' },
  { timeZone: 'Africa/Nairobi', currency: 'KES', fee: 250_000, languages: ['sw', 'en'], city: 'Nairobi' },
  { timeZone: 'America/Sao_Paulo', currency: 'BRL', fee: 25_000, languages: ['pt-BR', 'es'], city: 'São Paulo' },
] as const;

const SPECIALIZATIONS = [
  'general-practice',
  'paediatrics',
  'cardiology',
  'dermatology',
  'psychiatry',
  'gynaecology-obstetrics',
  'endocrinology',
  'family-medicine',
  'internal-medicine',
  'neurology',
  'psychology',
  'nutrition',
  'ophthalmology',
  'infectious-diseases',
  'orthopaedics',
  'ent',
];
const METHOD_SETS: ReadonlyArray<readonly ConsultationMethod[]> = [
  ['video', 'voice', 'chat'],
  ['video', 'in_person'],
  ['video', 'chat'],
  ['voice', 'chat', 'in_person'],
  ['video'],
];
const FEE_FACTOR: Record<ConsultationMethod, number> = { chat: 0.6, voice: 0.8, video: 1, in_person: 1.3 };
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;

export interface SeedDoctorsDeps {
  readonly pool: Queryable;
  readonly eventStore: EventStore;
  readonly temporal: { readonly client: Client; readonly taskQueue: string };
  readonly now?: () => Date;
}

/** The commands that set up demo doctor `index` (exported for tests and the benchmark). */
export function demoPracticeCommands(index: number, now: string): DoctorCommand[] {
  const doctorId = demoDoctorId(index);
  const zone = ZONES[index % ZONES.length]!;
  const specialization = SPECIALIZATIONS[index % SPECIALIZATIONS.length]!;
  const methods = index === 0 ? (['video', 'voice', 'chat'] as const) : METHOD_SETS[index % METHOD_SETS.length]!;
  const fee = Math.round((zone.fee * (1 + (index % 5) * 0.15)) / 100) * 100;
  const name = NAMES[index % NAMES.length]!;
  const profile = practiceProfile.parse({
    displayName: name,
    practiceName: `${name.replace('Dr. ', '')} ${index % 3 === 0 ? 'Clinic' : 'Medical Practice'}, ${zone.city}`,
    bio: `${specialization.replaceAll('-', ' ')} consultations in ${zone.city}: prevention, diagnosis and follow-up.`,
    specializationIds: index % 4 === 1 ? [specialization, 'general-practice'] : [specialization],
    yearsOfExperience: 3 + ((index * 7) % 30),
    languages: zone.languages,
    licence: { number: `DEMO-${String(1000 + index)}`, issuingBody: `Medical council (${zone.city})` },
    education: [{ degree: 'MD', institution: `University of ${zone.city}`, year: 2000 + (index % 20) }],
  });
  // The demo doctor takes bookings every day 08:00–18:00, so the demo appointments land on slots.
  const weekly: WeeklyWindow[] =
    index === 0
      ? [...WEEKDAYS, 'saturday' as const, 'sunday' as const].map((weekday) => ({
          weekday,
          start: '08:00',
          end: '18:00',
        }))
      : WEEKDAYS.flatMap((weekday): WeeklyWindow[] => [
          { weekday, start: '09:00', end: '12:30' },
          { weekday, start: '14:00', end: index % 2 ? '18:00' : '17:00' },
        ]).concat(index % 3 === 0 ? [{ weekday: 'saturday', start: '09:00', end: '13:00' }] : []);
  const availability: AvailabilitySettings = {
    timeZone: zone.timeZone,
    weekly,
    slotLengthMinutes: index === 0 ? 30 : [15, 20, 30][index % 3]!,
    bufferMinutes: index % 4 === 2 ? 5 : 0,
    minimumNoticeMinutes: index === 0 ? 60 : 120,
    maxDaysAhead: 60,
  };
  const base = { doctorId, now };
  return [
    { ...base, type: 'UpdateProfile', profile },
    { ...base, type: 'SetAvailability', availability, upcoming: [] },
    {
      ...base,
      type: 'SetConsultationMethods',
      methods: methods.map((method) => ({
        method,
        fee: { amountMinor: Math.round((fee * FEE_FACTOR[method]) / 100) * 100, currency: zone.currency },
      })),
    },
    {
      ...base,
      type: 'AddService',
      serviceId: demoServiceId(index, 0),
      service: { name: 'General consultation (30 min)', durationMinutes: 30, methods: [...methods] },
    },
    {
      ...base,
      type: 'AddService',
      serviceId: demoServiceId(index, 1),
      service: { name: 'Follow-up (15 min)', durationMinutes: 15, methods: [...methods] },
    },
    { ...base, type: 'SetOnline', online: true },
  ];
}

export async function seedDemoDoctors(deps: SeedDoctorsDeps, log: (line: string) => void): Promise<void> {
  const at = (deps.now ?? (() => new Date()))();
  const now = at.toISOString();
  let created = 0;
  let verified = 0;
  for (let index = 0; index < DEMO_DOCTOR_COUNT; index += 1) {
    await seedAccount(deps.pool, index, at);
    if (await seedPractice(deps.eventStore, index, now)) created += 1;
    if (await seedVerification(deps, demoDoctorId(index))) verified += 1;
    if ((index + 1) % 8 === 0 || index + 1 === DEMO_DOCTOR_COUNT) {
      log(`  demo doctors ${index + 1}/${DEMO_DOCTOR_COUNT} (${created} practices set up, ${verified} verified now)`);
    }
  }
}

/** The doctor's account, without a password; one that exists keeps its roles and status (an admin's say). */
async function seedAccount(pool: Queryable, index: number, at: Date): Promise<void> {
  const id = demoDoctorId(index);
  if (await insertAccount(pool, { id, email: `doctor-${index}@demo.consulta.test`, createdAt: at }))
    await insertRole(pool, { accountId: id, role: 'doctor', grantedBy: null, at });
}

/** Writes the practice in one append of deterministic ids; a practice that exists is left alone. */
async function seedPractice(eventStore: EventStore, index: number, now: string): Promise<boolean> {
  const doctorId = demoDoctorId(index);
  const streamId = doctorStreamId(doctorId);
  if ((await eventStore.readStream(streamId, { maxCount: 1 })).length > 0) return false;
  let state = initialDoctorPractice;
  const events: DoctorEvent[] = [];
  for (const command of demoPracticeCommands(index, now)) {
    const decided = decideDoctorPractice(command, state);
    state = decided.reduce(evolveDoctorPractice, state);
    events.push(...decided);
  }
  await eventStore.appendToStream(
    streamId,
    events.map((event, revision) => ({
      id: deterministicEventId(streamId, revision),
      type: event.type,
      data: event.data as unknown as JsonObject,
      metadata: { schemaVersion: 1, actorId: doctorId, seed: 'demo-doctors' },
    })),
    { expectedRevision: 'no_stream' },
  );
  return true;
}

/** Takes the application from wherever it stands to verified, as the demo admin. */
async function seedVerification(deps: SeedDoctorsDeps, doctorId: string): Promise<boolean> {
  let state = initialVerificationState;
  for (const event of await deps.eventStore.readStream(doctorVerificationStreamId(doctorId))) {
    if (isVerificationEventType(event.type))
      state = evolveVerification(state, parseVerificationEvent(event.type, event.data));
  }
  if (state.status === 'verified' || state.status === 'suspended' || state.status === 'rejected') return false;
  const { client, taskQueue } = deps.temporal;
  if (state.status === 'none' || state.status === 'more_information_requested') {
    await client.workflow.executeUpdateWithStart(submitApplicationUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation<typeof doctorVerificationWorkflow>(
        DOCTOR_VERIFICATION_WORKFLOW_TYPE,
        {
          workflowId: doctorVerificationWorkflowId(doctorId),
          taskQueue,
          args: [{ doctorId, slaMs: DEFAULT_VERIFICATION_SLA_MS }],
          workflowIdConflictPolicy: 'USE_EXISTING',
        },
      ),
    });
  }
  const handle = client.workflow.getHandle(doctorVerificationWorkflowId(doctorId));
  const steps: AdminDecisionKind[] = state.status === 'in_review' ? ['verify'] : ['start_review', 'verify'];
  for (const decision of steps) {
    await handle.executeUpdate(decideApplicationUpdate, {
      args: [{ decision, decidedBy: DEMO.adminId, reasonCode: 'licence_confirmed', noteId: null }],
    });
  }
  return true;
}
