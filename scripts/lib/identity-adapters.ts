/**
 * The identity adapters an entry point passes to the API (ApiDeps.verification, .mailer,
 * .publicWebUrl): Twilio Verify when VERIFICATION=twilio, the SMTP mailer when EMAIL=smtp (on the
 * process's one transport, `smtp`: smtpTransportFrom), else nothing, which makes the API use the
 * local development adapters (codes and emails in the dev outbox).
 */
import { createSmtpMailer } from '../../activities/adapters/smtp-mailer.js';
import type { SmtpTransport } from '../../activities/adapters/smtp-transport.js';
import { createTwilioVerification } from '../../activities/adapters/twilio-verify.js';
import type { ApiDeps } from '../../api/deps.js';
import type { Config } from './config.js';

export function identityAdaptersFrom(
  config: Config,
  deps: { smtp?: SmtpTransport } = {},
): Pick<ApiDeps, 'verification' | 'mailer' | 'publicWebUrl'> {
  const publicWebUrl = config.PUBLIC_WEB_URL ?? `http://127.0.0.1:${config.WEB_PORT}`;
  const mailer = config.EMAIL === 'smtp' ? { mailer: createSmtpMailer(smtpOf(deps)) } : {};
  if (config.VERIFICATION !== 'twilio') return { publicWebUrl, ...mailer };
  const { TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_VERIFY_SERVICE_SID, TWILIO_API_BASE_URL } = config;
  // loadConfig refuses VERIFICATION=twilio without these; this only narrows the types.
  if (!TWILIO_ACCOUNT_SID || !TWILIO_AUTH_TOKEN || !TWILIO_VERIFY_SERVICE_SID)
    throw new Error('VERIFICATION=twilio needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_VERIFY_SERVICE_SID.');
  return {
    publicWebUrl,
    ...mailer,
    verification: createTwilioVerification({
      accountSid: TWILIO_ACCOUNT_SID,
      authToken: TWILIO_AUTH_TOKEN,
      serviceSid: TWILIO_VERIFY_SERVICE_SID,
      baseUrl: TWILIO_API_BASE_URL,
    }),
  };
}

function smtpOf(deps: { smtp?: SmtpTransport }): SmtpTransport {
  if (!deps.smtp) throw new Error('EMAIL=smtp needs the SMTP transport: pass smtpTransportFrom(config) as `smtp`.');
  return deps.smtp;
}
