/** What the dashboards show of a list of appointments; pure, the clock is passed in. */
import type { Appointment } from './appointment';

const finished: ReadonlySet<string> = new Set(['cancelled', 'completed', 'no_show', 'refunded', 'reviewed']);

/** Appointments still to come, soonest first. */
export function upcoming(appointments: readonly Appointment[], now: Date, limit: number): Appointment[] {
  const at = now.getTime();
  return appointments
    .filter((appointment) => !finished.has(appointment.status) && Date.parse(appointment.startsAt) > at)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
    .slice(0, limit);
}

/** Status → how many, most frequent first (ties alphabetical, so the order is stable). */
export function countByStatus(appointments: readonly Appointment[]): Array<{ status: string; count: number }> {
  const counts = new Map<string, number>();
  for (const { status } of appointments) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts.entries()]
    .map(([status, count]) => ({ status, count }))
    .sort((a, b) => b.count - a.count || a.status.localeCompare(b.status));
}
