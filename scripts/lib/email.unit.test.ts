import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { organizerEmailFrom, smtpSettingsFrom, smtpTransportFrom } from './email.js';

const FROM = 'Consulta <no-reply@consulta.example>';
const withUrl = (SMTP_URL: string) => smtpSettingsFrom(loadConfig({ EMAIL: 'smtp', SMTP_URL, EMAIL_FROM: FROM }));

describe('email configuration', () => {
  it('keeps email in the dev outbox by default', () => {
    const config = loadConfig({});
    expect(config.EMAIL).toBe('local');
    expect(smtpTransportFrom(config)).toBeUndefined();
    expect(organizerEmailFrom(config)).toBeUndefined();
  });

  it('reads SMTP_URL: smtps is TLS on 465, smtp is STARTTLS on 587, required unless the server is local', () => {
    expect(withUrl('smtps://mailer:p%40ss%3Aw%2Frd@smtp.example.com')).toEqual({
      host: 'smtp.example.com',
      port: 465,
      secure: true,
      requireTls: false,
      auth: { user: 'mailer', pass: 'p@ss:w/rd' },
    });
    expect(withUrl('smtp://mailer:secret@smtp.example.com')).toMatchObject({
      port: 587,
      secure: false,
      requireTls: true,
    });
    expect(withUrl('smtp://127.0.0.1:2525')).toEqual({
      host: '127.0.0.1',
      port: 2525,
      secure: false,
      requireTls: false,
    });
    expect(withUrl('smtp://[::1]:25')).toMatchObject({ host: '::1', requireTls: false });
    expect(withUrl('smtp://localhost')).toMatchObject({ host: 'localhost', port: 587, requireTls: false });
  });

  it('reads SMTP_HOST with SMTP_PORT, SMTP_USER, SMTP_PASSWORD and SMTP_SECURE', () => {
    const host = { EMAIL: 'smtp', EMAIL_FROM: FROM, SMTP_HOST: 'smtp.example.com' };
    expect(smtpSettingsFrom(loadConfig({ ...host, SMTP_USER: 'mailer', SMTP_PASSWORD: 'p@ss' }))).toEqual({
      host: 'smtp.example.com',
      port: 587,
      secure: false,
      requireTls: true,
      auth: { user: 'mailer', pass: 'p@ss' },
    });
    expect(smtpSettingsFrom(loadConfig({ ...host, SMTP_SECURE: 'true' }))).toEqual({
      host: 'smtp.example.com',
      port: 465,
      secure: true,
      requireTls: false,
    });
    expect(smtpSettingsFrom(loadConfig({ ...host, SMTP_PORT: '2587' }))).toMatchObject({ port: 2587, secure: false });
  });

  it('wants a server and a sender with EMAIL=smtp, naming what is missing', () => {
    expect(() => loadConfig({ EMAIL: 'smtp' })).toThrow(/^EMAIL=smtp needs SMTP_URL \(or SMTP_HOST\) and EMAIL_FROM:/);
    expect(() => loadConfig({ EMAIL: 'smtp', SMTP_HOST: 'smtp.example.com' })).toThrow(/^EMAIL=smtp needs EMAIL_FROM:/);
    expect(() => loadConfig({ EMAIL: 'smtp', EMAIL_FROM: FROM })).toThrow(
      /^EMAIL=smtp needs SMTP_URL \(or SMTP_HOST\):/,
    );
    expect(() => loadConfig({ EMAIL: 'sendgrid' })).toThrow(/EMAIL/);
  });

  it.each([
    ['https://mailer:hunter2secret@smtp.example.com', 'must start with smtp:// or smtps://'],
    ['smtp://mailer:hunter2secret@smtp.example.com/inbox?pool=true', 'must hold no path or options'],
    ['smtp://:hunter2secret@smtp.example.com', 'must hold both the user name and the password, or neither'],
    ['smtp://mailer:hunter2secret%zz@smtp.example.com', 'the user name and password must be percent-encoded'],
    ['hunter2secret', 'must be a URL such as smtps://'],
  ])('refuses the SMTP_URL %s without quoting it', (url, problem) => {
    const load = () => loadConfig({ EMAIL: 'smtp', SMTP_URL: url, EMAIL_FROM: FROM });
    expect(load).toThrow(`SMTP_URL: ${problem}`);
    expect(load).not.toThrow(/hunter2/);
  });

  it('refuses SMTP_URL next to the SMTP_HOST family, half a login, a bad host and a bad sender', () => {
    expect(() => loadConfig({ SMTP_URL: 'smtps://a:b@smtp.example.com', SMTP_PASSWORD: 'c' })).toThrow(
      /^SMTP_URL holds the server, port and credentials: set it alone/,
    );
    expect(() => loadConfig({ SMTP_URL: 'smtps://a:b@smtp.example.com', SMTP_SECURE: 'true' })).toThrow(
      /SMTP_URL holds/,
    );
    expect(() => loadConfig({ SMTP_USER: 'mailer' })).toThrow('Set both SMTP_USER and SMTP_PASSWORD, or neither.');
    expect(() => loadConfig({ SMTP_HOST: 'smtp://smtp.example.com', SMTP_SECURE: 'yes' })).toThrow(
      /SMTP_HOST: must be a host name or an IP address[\s\S]*SMTP_SECURE/,
    );
    for (const from of ['Consulta', 'Consulta <no-reply>', 'a@b.example, c@d.example', 'Consulta <x@y.example']) {
      expect(() => loadConfig({ EMAIL_FROM: from })).toThrow(/EMAIL_FROM: must be an email address/);
    }
  });

  it('reads EMAIL_FROM with or without a name, and makes its address the invitations’ organizer', () => {
    expect(loadConfig({ EMAIL_FROM: FROM }).EMAIL_FROM).toEqual({
      name: 'Consulta',
      address: 'no-reply@consulta.example',
    });
    expect(loadConfig({ EMAIL_FROM: '"Consulta, Maputo" <x@consulta.example>' }).EMAIL_FROM).toEqual({
      name: 'Consulta, Maputo',
      address: 'x@consulta.example',
    });
    expect(loadConfig({ EMAIL_FROM: 'x@consulta.example' }).EMAIL_FROM).toEqual({ address: 'x@consulta.example' });
    const smtp = loadConfig({ EMAIL: 'smtp', SMTP_HOST: 'smtp.example.com', EMAIL_FROM: FROM });
    expect(organizerEmailFrom(smtp)).toBe('no-reply@consulta.example');
    // The dev outbox sends nothing from it: the invitations keep the web app's no-reply address.
    expect(organizerEmailFrom(loadConfig({ EMAIL_FROM: FROM }))).toBeUndefined();
  });

  it('makes one transport from the sender, without connecting until something is sent', () => {
    const transport = smtpTransportFrom(loadConfig({ EMAIL: 'smtp', SMTP_HOST: 'smtp.example.com', EMAIL_FROM: FROM }));
    try {
      expect(transport?.from).toEqual({ name: 'Consulta', address: 'no-reply@consulta.example' });
    } finally {
      transport?.close();
    }
  });
});
