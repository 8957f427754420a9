/**
 * Names for the doctors and services appointments refer to, read from the doctors' public profiles
 * (only verified doctors have one; others show as a reference). Public data, so it is kept for a
 * few minutes in this process: a page of appointments does not ask again for every row.
 */
import type { DirectoryEntry, DirectoryView } from '../appointment';
import type { ApiClient } from './api-client';

const TTL_MS = 5 * 60_000;
const MAX_LOOKUPS = 25;

interface Cached {
  expiresAt: number;
  doctor: DirectoryEntry | null;
  services: DirectoryEntry[];
}

const cache = new Map<string, Cached>();

async function lookUp(api: ApiClient, doctorId: string, now: number): Promise<Cached> {
  const hit = cache.get(doctorId);
  if (hit && hit.expiresAt > now) return hit;
  const profile = await api.doctors.doctor(doctorId);
  const entry: Cached = profile.ok
    ? {
        expiresAt: now + TTL_MS,
        doctor: { id: doctorId, name: profile.data.displayName },
        services: profile.data.services.map((service) => ({ id: service.id, name: service.name })),
      }
    : // Unknown or unverified: remembered briefly, so a list of many does not ask each time.
      { expiresAt: now + TTL_MS / 5, doctor: null, services: [] };
  // An unreachable API is not an answer worth remembering.
  if (profile.ok || profile.status !== 0) cache.set(doctorId, entry);
  return entry;
}

export async function directoryFor(
  api: ApiClient,
  appointments: ReadonlyArray<{ doctorId: string }>,
  now = Date.now(),
): Promise<DirectoryView> {
  const doctorIds = [...new Set(appointments.map((appointment) => appointment.doctorId))].slice(0, MAX_LOOKUPS);
  const found = await Promise.all(doctorIds.map((id) => lookUp(api, id, now)));
  return {
    doctors: found.flatMap((entry) => (entry.doctor ? [entry.doctor] : [])),
    services: found.flatMap((entry) => entry.services),
  };
}
