/**
 * Which service and method the slot picker is for: the ones in the address when this doctor offers
 * them, else the first service and its first method with a fee. Each comes with its fee (a
 * service's own fee replaces the method's).
 */
import type { PublicDoctor, Service } from '$lib/server/doctor-schemas';

export interface MethodChoice {
  method: string;
  fee: { amountMinor: number; currency: string } | null;
}

export interface BookingChoice {
  service: Service | null;
  method: string | null;
  /** The chosen service's methods, each with what it costs. */
  methods: MethodChoice[];
}

export function feeFor(doctor: PublicDoctor, service: Service, method: string): MethodChoice['fee'] {
  return service.feeOverride ?? doctor.methods.find((entry) => entry.method === method)?.fee ?? null;
}

export function bookingChoice(doctor: PublicDoctor, params: URLSearchParams): BookingChoice {
  const service = doctor.services.find((s) => s.id === params.get('serviceId')) ?? doctor.services[0] ?? null;
  if (!service) return { service: null, method: null, methods: [] };
  const offered = new Set(doctor.methods.map((entry) => entry.method));
  const methods = service.methods
    .filter((method) => offered.has(method))
    .map((method) => ({ method, fee: feeFor(doctor, service, method) }));
  const asked = params.get('method');
  const method = methods.find((entry) => entry.method === asked)?.method ?? methods[0]?.method ?? null;
  return { service, method, methods };
}
