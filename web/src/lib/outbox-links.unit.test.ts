import { describe, expect, it } from 'vitest';
import { codeIn, linkify } from './outbox-links';

describe('linkify', () => {
  it('turns links to this app’s pages into same-origin paths, whatever host the API wrote', () => {
    expect(linkify('Confirm: http://127.0.0.1:5173/verify-email?token=abc-123. Thanks')).toEqual([
      { kind: 'text', text: 'Confirm: ' },
      {
        kind: 'own-link',
        text: 'http://127.0.0.1:5173/verify-email?token=abc-123',
        page: '/verify-email',
        search: '?token=abc-123',
      },
      { kind: 'text', text: '. Thanks' },
    ]);
  });

  it('keeps other links as they are', () => {
    expect(linkify('See https://example.org/help')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'external-link', text: 'https://example.org/help', href: 'https://example.org/help' },
    ]);
  });

  it('leaves a body without links as one text segment', () => {
    expect(linkify('Your code is 123456')).toEqual([{ kind: 'text', text: 'Your code is 123456' }]);
  });
});

describe('codeIn', () => {
  it('finds the code in an SMS', () => {
    expect(codeIn('Your Consulta code is 482910. It expires in 10 minutes.')).toBe('482910');
  });

  it('returns null when there is none', () => {
    expect(codeIn('Hello')).toBeNull();
  });
});
