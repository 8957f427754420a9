/** Helpers for the booking-lifecycle browser test: the dev outbox, and a practice zone with today left. */
import { z } from 'zod';

const outboxSchema = z.object({
  items: z.array(
    z.object({
      recipient: z.string(),
      subject: z.string().nullable(),
      body: z.string(),
      attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), text: z.string().optional() })),
    }),
  ),
});
export type OutboxMessage = z.infer<typeof outboxSchema>['items'][number];

/** What the local adapters "sent" to one address, newest first (GET /api/v1/dev/outbox, outside production). */
export async function outboxFor(apiUrl: string, recipient: string): Promise<OutboxMessage[]> {
  const response = await fetch(`${apiUrl}/api/v1/dev/outbox?recipient=${encodeURIComponent(recipient)}`);
  if (response.status !== 200) throw new Error(`The dev outbox answered ${response.status}: ${await response.text()}`);
  return outboxSchema.parse(await response.json()).items;
}

const dateIn = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);

/**
 * A zone for the doctor's hours in which `now` and `now + margin` fall on the same day: the doctor's
 * day view lists today's appointments on the practice's clock (prescriptions are written there), so
 * the first free slot must not fall on tomorrow. UTC unless it is late there; Tokyo is 9 hours on.
 */
export function practiceZoneWithTodayLeft(now: Date, marginMs: number): string {
  const later = new Date(now.getTime() + marginMs);
  const zone = ['UTC', 'Asia/Tokyo'].find((candidate) => dateIn(now, candidate) === dateIn(later, candidate));
  if (!zone) throw new Error('practiceZoneWithTodayLeft: no zone keeps today for the margin asked');
  return zone;
}
