export * from './availability.schema.js';
export * from './local-day.js';
export * from './slots.js';
export {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  instantToLocal,
  instantToLocalMs,
  isValidTimeZone,
  localBoundaryToInstant,
  localToInstant,
  localToMs,
  offsetAt,
  resolveLocal,
  type LocalDateTime,
  type Resolution,
} from './zoned-time.js';
