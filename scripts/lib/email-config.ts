/**
 * The email settings, part of configSchema and checked by loadConfig: EMAIL, the SMTP server
 * (SMTP_URL, or SMTP_HOST and its companions) and the sender (EMAIL_FROM).
 */
import { z } from 'zod';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const port = z.coerce.number().int().min(1).max(65_535);

const flag = z
  .preprocess(emptyAsUndefined, z.enum(['true', 'false', '1', '0']).optional())
  .transform((value) => value === 'true' || value === '1');

/** Percent-decoded user info of a URL, or null when it is not valid percent-encoding. */
const decoded = (value: string): string | null => {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
};

/**
 * smtps://user:password@host[:465] (TLS from the start) or smtp://user:password@host[:587]
 * (STARTTLS). It holds a password: no message here quotes it.
 */
export const smtpUrl = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a URL such as smtps://user:password@smtp.example.com:465' });
    return;
  }
  const problems = [
    !/^smtps?:$/.test(url.protocol) && 'must start with smtp:// or smtps://',
    !url.hostname && 'must name the server (smtps://user:password@smtp.example.com)',
    !url.username !== !url.password && 'must hold both the user name and the password, or neither',
    (decoded(url.username) === null || decoded(url.password) === null) &&
      'the user name and password must be percent-encoded (@ as %40, : as %3A, / as %2F)',
    ((url.pathname !== '' && url.pathname !== '/') || url.search || url.hash) &&
      'must hold no path or options, only smtp(s)://user:password@host:port',
  ].filter((problem): problem is string => typeof problem === 'string' && problem !== '');
  for (const message of problems) ctx.addIssue({ code: 'custom', message });
});

/** "Consulta <no-reply@consulta.example>" or "no-reply@consulta.example" → name and address. */
export const emailFrom = z.string().transform((value, ctx) => {
  const match = /^\s*(?:"?([^"<>\r\n]*?)"?\s*<([^<>\s]+)>|([^<>\s]+))\s*$/.exec(value);
  const address = match?.[2] ?? match?.[3];
  if (!address || !z.email().safeParse(address).success) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be an email address, optionally with a name: "Consulta <no-reply@consulta.example>"',
    });
    return z.NEVER;
  }
  const name = match?.[1]?.trim();
  return name ? { name, address } : { address };
});

export const emailSettings = {
  /** Outgoing email (appointment messages with their invitations, verification and password-reset links). */
  EMAIL: z.enum(['local', 'smtp']).default('local'),
  /** The SMTP server in one URL, credentials included (never logged); or the SMTP_HOST family below. */
  SMTP_URL: z.preprocess(emptyAsUndefined, smtpUrl.optional()),
  SMTP_HOST: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(
        /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[?[0-9A-Fa-f:.]+\]?)$/,
        'must be a host name or an IP address (no scheme, no port: that is SMTP_PORT)',
      )
      .optional(),
  ),
  /** Default: 465 with SMTP_SECURE, else 587. */
  SMTP_PORT: z.preprocess(emptyAsUndefined, port.optional()),
  SMTP_USER: z.preprocess(emptyAsUndefined, z.string().optional()),
  SMTP_PASSWORD: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** TLS from the first byte (port 465); otherwise STARTTLS, required unless the server is on this machine. */
  SMTP_SECURE: flag,
  /** The sender of every email: an address, optionally with a name. */
  EMAIL_FROM: z.preprocess(emptyAsUndefined, emailFrom.optional()),
};

type EmailSettings = z.infer<z.ZodObject<typeof emailSettings>>;

/** EMAIL=smtp: a sender, and one complete way to reach the server (a URL, or host and the rest). */
export function checkEmail(config: EmailSettings): void {
  const { SMTP_URL, SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASSWORD, SMTP_SECURE } = config;
  if (SMTP_URL && (SMTP_HOST || SMTP_PORT || SMTP_USER || SMTP_PASSWORD || SMTP_SECURE)) {
    throw new Error(
      'SMTP_URL holds the server, port and credentials: set it alone, or SMTP_HOST with SMTP_PORT, SMTP_USER, ' +
        'SMTP_PASSWORD and SMTP_SECURE instead.',
    );
  }
  if (!SMTP_USER !== !SMTP_PASSWORD) throw new Error('Set both SMTP_USER and SMTP_PASSWORD, or neither.');
  if (config.EMAIL !== 'smtp') return;
  const missing = [!(SMTP_URL || SMTP_HOST) && 'SMTP_URL (or SMTP_HOST)', !config.EMAIL_FROM && 'EMAIL_FROM'].filter(
    (name): name is string => typeof name === 'string',
  );
  if (missing.length > 0) {
    throw new Error(
      `EMAIL=smtp needs ${missing.join(' and ')}: the server, as smtps://user:password@smtp.example.com:465 or ` +
        'SMTP_HOST with SMTP_USER and SMTP_PASSWORD, and the sender, as "Consulta <no-reply@consulta.example>".',
    );
  }
}
