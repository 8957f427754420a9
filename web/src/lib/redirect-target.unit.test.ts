import { describe, expect, it } from 'vitest';
import { loginPath, safeRedirectTarget } from './redirect-target';

describe('safeRedirectTarget', () => {
  it('keeps a path on this site with its query and fragment', () => {
    expect(safeRedirectTarget('/appointments?status=cancelled#list')).toBe('/appointments?status=cancelled#list');
  });

  it.each([
    ['an absolute URL', 'https://evil.example/login'],
    ['a protocol-relative URL', '//evil.example'],
    ['a backslash trick', '/\\evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'appointments'],
    ['nothing', null],
    ['the logout page', '/logout'],
    ['the login page itself', '/login?redirectTo=/x'],
  ])('falls back to the home page for %s', (_what, raw) => {
    expect(safeRedirectTarget(raw)).toBe('/');
  });
});

describe('loginPath', () => {
  it('carries the target and the expired flag', () => {
    expect(loginPath({ redirectTo: '/appointments', expired: true })).toBe(
      '/login?expired=1&redirectTo=%2Fappointments',
    );
  });

  it('leaves out a target that is the home page or unsafe', () => {
    expect(loginPath({ redirectTo: '/' })).toBe('/login');
    expect(loginPath({ redirectTo: 'https://evil.example' })).toBe('/login');
  });
});
