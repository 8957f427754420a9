/** How email addresses and phone numbers look at the edge, and how they are stored. */
import { z } from 'zod';

/** Trimmed and lower-cased, so one person cannot hold two accounts as Ana@x and ana@x. */
export const emailAddress = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'must be an email address' }));

const E164 = /^\+[1-9]\d{6,14}$/;
/** E.164: a plus, the country code and the number, digits only (+14155550123). */
export const phoneNumber = z.string().trim().regex(E164, 'must be in E.164 format, e.g. +14155550123');
