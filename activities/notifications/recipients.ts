/**
 * Who hears about an appointment, read from the identity and read-model tables at send time (the
 * workflow carries ids only): the account that booked (the patient, or the guardian of a
 * dependant) and the doctor, each with a name, a time zone and the channel they can be reached on.
 */
import type pg from 'pg';
import type { AppointmentFacts } from '../appointment-effects.js';
import type { NotificationChannel } from '../ports/notifications.js';
import { usableTimeZone } from './format.js';

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export type RecipientRole = 'patient' | 'doctor';

export interface Recipient {
  readonly role: RecipientRole;
  readonly accountId: string;
  /** Email when the account has one, else SMS; null when it has neither (or no account row). */
  readonly channel: NotificationChannel | null;
  readonly name: string | null;
  readonly timeZone: string;
}

export interface Parties {
  readonly patient: Recipient;
  readonly doctor: Recipient;
  /** The person the appointment is for, when someone else (a guardian) booked it. */
  readonly dependantName: string | null;
  /** Null when the profile was erased or never named. */
  readonly patientName: string | null;
}

interface ContactRow {
  id: string;
  has_email: boolean;
  has_phone: boolean;
}

const channelOf = (row: ContactRow | undefined): NotificationChannel | null =>
  row?.has_email ? 'email' : row?.has_phone ? 'sms' : null;

export async function loadParties(db: Queryable, facts: AppointmentFacts): Promise<Parties> {
  const ids = [facts.bookedBy, facts.doctorId];
  const [contacts, profiles, doctor] = await Promise.all([
    db.query<ContactRow>(
      `SELECT id, email IS NOT NULL AS has_email, phone IS NOT NULL AS has_phone FROM accounts
        WHERE id = ANY($1::uuid[]) AND status = 'active'`,
      [ids],
    ),
    db.query<{ patient_id: string; name: string | null; time_zone: string | null }>(
      'SELECT patient_id, name, time_zone FROM patient_profiles WHERE patient_id = ANY($1::uuid[])',
      [[facts.patientId, facts.bookedBy]],
    ),
    db.query<{ display_name: string; profile_name: string | null; time_zone: string | null }>(
      `SELECT display_name, profile ->> 'displayName' AS profile_name, availability ->> 'timeZone' AS time_zone
         FROM doctor_search WHERE doctor_id = $1`,
      [facts.doctorId],
    ),
  ]);
  const contact = (id: string) => contacts.rows.find((row) => row.id === id);
  const profile = (id: string) => profiles.rows.find((row) => row.patient_id === id);
  const doctorRow = doctor.rows[0];
  const doctorTimeZone = usableTimeZone(doctorRow?.time_zone);
  const booker = profile(facts.bookedBy);
  const patient = profile(facts.patientId);
  const forDependant = facts.patientId !== facts.bookedBy;
  return {
    patient: {
      role: 'patient',
      accountId: facts.bookedBy,
      channel: channelOf(contact(facts.bookedBy)),
      name: booker?.name ?? null,
      // The booker's own zone, else the patient's, else the doctor's: the appointment happens there.
      timeZone: usableTimeZone(booker?.time_zone ?? patient?.time_zone ?? doctorTimeZone),
    },
    doctor: {
      role: 'doctor',
      accountId: facts.doctorId,
      channel: channelOf(contact(facts.doctorId)),
      name: doctorRow?.display_name || doctorRow?.profile_name || null,
      timeZone: doctorTimeZone,
    },
    dependantName: forDependant ? (patient?.name ?? null) : null,
    patientName: patient?.name ?? null,
  };
}
