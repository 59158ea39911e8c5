import nodemailer from 'nodemailer';
import type { DeliveryResult, NotificationChannel } from './notification-channel.ts';

/** The fields of a nodemailer error that say what failed without quoting addresses. */
type SmtpError = { code?: unknown; responseCode?: unknown };

/**
 * Sorts an SMTP failure: a 5xx reply refuses the message for good (an unknown mailbox); a 4xx
 * reply, a refused connection or a timeout is an outage, retried. The reason keeps only the
 * reply code and nodemailer's error code: the server's text may quote the address.
 */
export function smtpFailure(error: unknown): Extract<DeliveryResult, { ok: false }> {
  const { code, responseCode } = (error ?? {}) as SmtpError;
  const reply = typeof responseCode === 'number' ? responseCode : null;
  const reason = ['smtp', reply === null ? null : String(reply), typeof code === 'string' ? code : 'error'].filter(Boolean).join(' ');
  return { ok: false, permanent: reply !== null && reply >= 500 && reply < 600, reason };
}

/**
 * E-mail through an SMTP relay (`smtp://user:pass@host:port`, `smtps://` for implicit TLS).
 * Timeouts are short: the dispatcher retries later, and a hung server must not hold a batch.
 */
export function createSmtpChannel(options: { url: string; from: string }): NotificationChannel {
  const transport = nodemailer.createTransport(
    // nodemailer's own timeouts wait minutes on a dead server; a dispatcher tick should not.
    { url: options.url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
    { from: options.from, disableFileAccess: true, disableUrlAccess: true },
  );
  return {
    name: 'EMAIL',
    async send(message) {
      try {
        await transport.sendMail({
          to: message.to,
          subject: message.subject,
          text: message.text,
          headers: { 'X-Bakylau-Notification': message.reference },
        });
        return { ok: true };
      } catch (error) {
        return smtpFailure(error);
      }
    },
    close: () => transport.close(),
  };
}
