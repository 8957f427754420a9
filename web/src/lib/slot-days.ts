/**
 * Free slots (UTC instants) laid out for the slot picker: one entry per day of the range on the
 * viewer's own calendar, each slot with its wall-clock time there. The API sends that wall time
 * along when asked (`tz`); it is computed here with Intl otherwise. Pure.
 */

export interface SlotInput {
  startsAt: string;
  seatsLeft: number;
  /** "2026-11-23T14:30" in the viewer's zone, when the API sent it. */
  local?: string | undefined;
}

export interface PickerSlot {
  startsAt: string;
  /** "14:30" on the viewer's clock. */
  time: string;
  seatsLeft: number;
}

export interface SlotDay {
  /** YYYY-MM-DD on the viewer's calendar. */
  date: string;
  slots: PickerSlot[];
}

/** "2026-11-23T14:30" for an instant on a zone's wall clock (24-hour). */
export function wallClock(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}T${String(Number(part('hour')) % 24).padStart(2, '0')}:${part('minute')}`;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function slotDays(
  slots: readonly SlotInput[],
  timeZone: string,
  firstDate: string,
  dayCount: number,
): SlotDay[] {
  const days = Array.from({ length: dayCount }, (_, index): SlotDay => ({
    date: addDays(firstDate, index),
    slots: [],
  }));
  const byDate = new Map(days.map((day) => [day.date, day]));
  for (const slot of slots) {
    const local = slot.local ?? wallClock(slot.startsAt, timeZone);
    const day = byDate.get(local.slice(0, 10));
    day?.slots.push({ startsAt: slot.startsAt, time: local.slice(11, 16), seatsLeft: slot.seatsLeft });
  }
  for (const day of days) day.slots.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return days;
}

/** "Mon 23 Nov" for a calendar date, in the viewer's language. */
export function dayLabel(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}
