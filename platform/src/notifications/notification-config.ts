import { z } from '../config.ts';
import type { NotificationChannel } from './notification-channel.ts';
import { createSmsChannel } from './sms-channel.ts';
import { createSmtpChannel } from './smtp-channel.ts';

/**
 * Variables of the services that notify applicants; their config schemas extend this one. A
 * channel without its URL is off: no notification is created for it.
 */
export const notificationEnvSchema = z.object({
  /** `smtp://user:pass@host:port` or `smtps://…`; unset = no e-mail. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  NOTIFICATION_FROM: z.string().min(3).default('Bakylau <no-reply@bakylau.kz>'),
  /** The SMS provider adapter (platform/src/notifications/README.md); unset = no SMS. */
  SMS_PROVIDER_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  SMS_PROVIDER_TOKEN: z.string().min(1).optional(),
  NOTIFICATION_DISPATCH_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
});

export type NotificationSettings = {
  smtpUrl: string | null;
  from: string;
  smsProviderUrl: string | null;
  smsProviderToken: string | null;
  dispatchIntervalMs: number;
};

export function notificationSettingsOf(env: z.infer<typeof notificationEnvSchema>): NotificationSettings {
  return {
    smtpUrl: env.SMTP_URL ?? null,
    from: env.NOTIFICATION_FROM,
    smsProviderUrl: env.SMS_PROVIDER_URL ?? null,
    smsProviderToken: env.SMS_PROVIDER_TOKEN ?? null,
    dispatchIntervalMs: env.NOTIFICATION_DISPATCH_INTERVAL_MS,
  };
}

/** The channels the settings turn on. */
export function createConfiguredChannels(settings: NotificationSettings): NotificationChannel[] {
  const channels: NotificationChannel[] = [];
  if (settings.smtpUrl) channels.push(createSmtpChannel({ url: settings.smtpUrl, from: settings.from }));
  if (settings.smsProviderUrl) channels.push(createSmsChannel({ url: settings.smsProviderUrl, token: settings.smsProviderToken ?? undefined }));
  return channels;
}
