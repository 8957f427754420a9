import { describe, expect, it } from 'vitest';
import { calendarInvite, escapeText, foldLine, utcDateTime, type CalendarEvent } from './ics.js';

const event: CalendarEvent = {
  uid: '0d8f1c2e-4b3a-4f6e-9d7c-1a2b3c4d5e6f@consulta',
  sequence: 3,
  startsAt: '2026-03-08T14:30:00.000Z',
  endsAt: '2026-03-08T15:00:00.000Z',
  stampedAt: '2026-03-01T09:05:07.000Z',
  summary: 'Video consultation with Dr. Ana Macuácua',
  description: 'Join from https://consulta.example/appointments/1',
  url: 'https://consulta.example/appointments/1',
};

const unfold = (text: string) => text.replace(/\r\n /g, '');

describe('calendarInvite', () => {
  it('writes a REQUEST with the fixed UID, UTC times, the sequence and CRLF line ends', () => {
    const ics = calendarInvite('REQUEST', event);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
    const lines = unfold(ics).split('\r\n');
    expect(lines).toContain('METHOD:REQUEST');
    expect(lines).toContain(`UID:${event.uid}`);
    expect(lines).toContain('DTSTART:20260308T143000Z');
    expect(lines).toContain('DTEND:20260308T150000Z');
    expect(lines).toContain('DTSTAMP:20260301T090507Z');
    expect(lines).toContain('SEQUENCE:3');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines.indexOf('BEGIN:VEVENT')).toBeLessThan(lines.indexOf('END:VEVENT'));
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });

  it('writes a CANCEL that marks the same event cancelled', () => {
    const lines = unfold(calendarInvite('CANCEL', { ...event, sequence: 7 })).split('\r\n');
    expect(lines).toContain('METHOD:CANCEL');
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines).toContain('SEQUENCE:7');
    expect(lines).toContain(`UID:${event.uid}`);
  });

  it('keeps every physical line within 75 octets and unfolds back to the original text', () => {
    const description = `Room: ${'é'.repeat(60)} then, a long; line\nwith a break`;
    const ics = calendarInvite('REQUEST', { ...event, description });
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(unfold(ics)).toContain(`DESCRIPTION:${escapeText(description)}`);
  });

  it('quotes an organizer name holding a separator', () => {
    const ics = calendarInvite('REQUEST', { ...event, organizer: { name: 'Macuácua, Ana', email: 'a@example.test' } });
    expect(unfold(ics)).toContain('ORGANIZER;CN="Macuácua, Ana":mailto:a@example.test');
  });
});

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and line breaks', () => {
    expect(escapeText('a\\b;c,d\r\ne\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });
});

describe('foldLine', () => {
  it('leaves a line of exactly 75 octets alone', () => {
    const line = 'x'.repeat(75);
    expect(foldLine(line)).toBe(line);
  });

  it('folds at 75 octets, continuation lines holding 74 after their space', () => {
    const folded = foldLine('x'.repeat(200)).split('\r\n');
    expect(folded.map((l) => l.length)).toEqual([75, 75, 52]);
    expect(folded.slice(1).every((l) => l.startsWith(' '))).toBe(true);
  });

  it('never splits a multi-byte character', () => {
    const folded = foldLine(`SUMMARY:${'ç'.repeat(50)}`).split('\r\n');
    // 8 ASCII octets, then 2-octet characters: 33 fit (74 octets) before the 75th is needed.
    expect(Buffer.byteLength(folded[0] ?? '', 'utf8')).toBe(74);
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(`SUMMARY:${'ç'.repeat(50)}`);
  });
});

describe('utcDateTime', () => {
  it('turns an instant with an offset into UTC basic format', () => {
    expect(utcDateTime('2026-11-01T01:30:00-04:00')).toBe('20261101T053000Z');
  });
});
