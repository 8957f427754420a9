/**
 * iCalendar (RFC 5545) invitations for appointments, as iTIP (RFC 5546) REQUEST and CANCEL
 * messages: one VEVENT whose UID is fixed per appointment and whose SEQUENCE grows with every
 * change, so calendar apps update or remove the entry they already hold instead of adding one.
 * Pure: everything, the stamp included, comes in as arguments.
 */
export type IcsMethod = 'REQUEST' | 'CANCEL';

export interface CalendarEvent {
  /** `<appointment id>@consulta`: the same for every message about one appointment. */
  readonly uid: string;
  /** Higher than any earlier message's (the event store revision of the change). */
  readonly sequence: number;
  readonly startsAt: string;
  readonly endsAt: string;
  /** When this message was made (DTSTAMP). */
  readonly stampedAt: string;
  readonly summary: string;
  readonly description?: string;
  readonly url?: string;
  readonly organizer?: { readonly name: string; readonly email: string };
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

/** TEXT values: backslash, semicolon and comma escaped, line breaks as \n (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value (CN=…): quoted when it holds : ; or , and never containing a double quote. */
function paramValue(value: string): string {
  const clean = value.replace(/["\r\n]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** 20260308T143000Z. */
export function utcDateTime(instant: string): string {
  const iso = new Date(instant).toISOString();
  return `${iso.slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/**
 * Splits a content line into lines of at most 75 octets, continuation lines starting with one
 * space (RFC 5545 §3.1); never inside a UTF-8 character, so each piece stays valid UTF-8.
 */
export function foldLine(line: string): string {
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // The first line holds 75 octets; each continuation holds 74 after its leading space.
    const limit = pieces.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      pieces.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  pieces.push(current);
  return pieces.join(`${CRLF} `);
}

export function calendarInvite(method: IcsMethod, event: CalendarEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Consulta//Appointments//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${utcDateTime(event.stampedAt)}`,
    `DTSTART:${utcDateTime(event.startsAt)}`,
    `DTEND:${utcDateTime(event.endsAt)}`,
    `SEQUENCE:${event.sequence}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.url ? [`URL:${event.url}`] : []),
    ...(event.organizer ? [`ORGANIZER;CN=${paramValue(event.organizer.name)}:mailto:${event.organizer.email}`] : []),
    `STATUS:${method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
