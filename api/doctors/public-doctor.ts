/** Shapes of a doctor as the public sees them, and the opaque search cursor. */
import { z } from 'zod';
import { instantToLocal, offsetAt } from '../../domain/availability/index.js';
import { DomainError, STANDARD_POLICY } from '../../domain/index.js';
import type { DoctorSearchHit, DoctorSort, SearchCursor } from '../../projections/doctors/doctor-search-queries.js';
import type { DoctorSearchRow } from '../../projections/doctors/doctor-rows.js';

const money = z.object({ amountMinor: z.number().int(), currency: z.string() });
const methodFee = z.object({ method: z.string(), fee: money });
const specialization = z.object({ id: z.string(), name: z.string() });

/** What a card and a profile both show. */
const doctorSummary = z.object({
  id: z.uuid(),
  displayName: z.string(),
  practiceName: z.string(),
  specializations: z.array(specialization),
  languages: z.array(z.string()),
  yearsOfExperience: z.number().int(),
  methods: z.array(methodFee),
  rating: z.number(),
  reviewCount: z.number().int(),
  timeZone: z.string().nullable(),
  nextAvailableAt: z.string().nullable(),
  /** The doctor's photo on this API (GET /api/v1/doctors/:id/photo?v=…), null without one; clients show initials then. */
  photoUrl: z.string().nullable(),
});

export const doctorCard = doctorSummary.extend({
  /**
   * Set only when the search had availableOn: the first free slot starting within that local day,
   * so a card answers "free on that day from when". nextAvailableAt stays the next free slot from now.
   */
  firstSlotOnDay: z.string().nullable(),
});

export const publicDoctor = doctorSummary.extend({
  bio: z.string(),
  licence: z.object({ number: z.string(), issuingBody: z.string() }),
  education: z.array(z.object({ degree: z.string(), institution: z.string(), year: z.number().int().optional() })),
  services: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      durationMinutes: z.number().int(),
      methods: z.array(z.string()),
      feeOverride: money.optional(),
      seats: z.number().int().optional(),
    }),
  ),
  online: z.boolean(),
  /** The cancellation and reschedule policy a booking made now pins (the booking page shows it before confirming). */
  cancellationPolicy: z.object({
    version: z.string(),
    fullRefundBeforeMs: z.number().int(),
    lateRefundPercent: z.number().int(),
    maxPatientReschedules: z.number().int(),
  }),
});

export function toDoctorCard(hit: DoctorSearchHit, photoUrl: string | null): z.infer<typeof doctorCard> {
  return { ...toDoctorSummary(hit, photoUrl), firstSlotOnDay: hit.firstSlotOnDay };
}

function toDoctorSummary(hit: DoctorSearchHit, photoUrl: string | null): z.infer<typeof doctorSummary> {
  const { practice } = hit.row;
  const profile = practice.profile;
  return {
    id: hit.row.doctorId,
    displayName: profile?.displayName ?? '',
    practiceName: profile?.practiceName ?? '',
    specializations: [...hit.specializations],
    languages: profile?.languages ?? [],
    yearsOfExperience: profile?.yearsOfExperience ?? 0,
    methods: [...practice.methods],
    rating: hit.rating,
    reviewCount: hit.reviewCount,
    timeZone: practice.availability?.timeZone ?? null,
    nextAvailableAt: hit.nextAvailableAt,
    photoUrl,
  };
}

export function toPublicDoctor(hit: DoctorSearchHit, photoUrl: string | null): z.infer<typeof publicDoctor> {
  const row: DoctorSearchRow = hit.row;
  const profile = row.practice.profile;
  return {
    ...toDoctorSummary(hit, photoUrl),
    bio: profile?.bio ?? '',
    licence: profile?.licence ?? { number: '', issuingBody: '' },
    education: profile?.education ?? [],
    services: [...row.practice.services],
    online: row.practice.online,
    cancellationPolicy: { ...STANDARD_POLICY },
  };
}

export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string, sort: DoctorSort): SearchCursor {
  try {
    const [cursorSort, key, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (cursorSort === sort && typeof id === 'string' && z.uuid().safeParse(id).success) {
      if (key === null || typeof key === 'number' || typeof key === 'string') return { sort, key, id };
    }
  } catch {
    // reported below
  }
  throw new DomainError('validation', 'INVALID_CURSOR', 'This cursor is not from a search with the same sort.', [
    { path: 'querystring.after', message: 'is not a cursor of this search' },
  ]);
}

/** An instant on a wall clock for display: { local: "2026-03-02T09:00", utcOffset: "+02:00" }. */
export function wallClock(timeZone: string, iso: string): { local: string; utcOffset: string } {
  const instant = Date.parse(iso);
  const l = instantToLocal(timeZone, instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  const offset = offsetAt(timeZone, instant) / 60_000;
  const sign = offset < 0 ? '-' : '+';
  return {
    local: `${l.year}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}`,
    utcOffset: `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`,
  };
}
