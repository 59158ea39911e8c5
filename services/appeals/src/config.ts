import { loadConfig, z } from '@bakylau/platform/config';
import { notificationEnvSchema, notificationSettingsOf, type NotificationSettings } from '@bakylau/platform/notifications/notification-config';
import type { RegistrationNumberFormat } from './domain/registration-number.ts';

/** The appeals service's own settings (the runtime validates the shared ones). */
const appealsEnvSchema = notificationEnvSchema.extend({
  /** Prefix of registration numbers: the akimat's index, e.g. ЖТ for Zhetysu region. */
  APPEALS_REGISTRATION_PREFIX: z.string().min(1).max(16).default('ЖТ'),
  /** Digits of the yearly sequence number (zero-padded). */
  APPEALS_REGISTRATION_DIGITS: z.coerce.number().int().min(3).max(10).default(6),
  /** Systemic issues (R7.1): appeals on one category and district within the window that make a proposal. */
  APPEALS_SYSTEMIC_THRESHOLD: z.coerce.number().int().min(2).max(10_000).default(5),
  /** Systemic issues: the window in days (the previous window of equal length gives the trend). */
  APPEALS_SYSTEMIC_WINDOW_DAYS: z.coerce.number().int().min(1).max(366).default(30),
  /** Near-duplicates at registration: trigram similarity of summary + opening of the text, 0.3..1 (pg_trgm's index cut-off is 0.3). */
  APPEALS_DUPLICATE_SIMILARITY: z.coerce.number().min(0.3).max(1).default(0.45),
});

/** Settings of the analytics (R7): the systemic-issue rule and the duplicate threshold. */
export type AnalyticsConfig = { systemicThreshold: number; systemicWindowDays: number; duplicateSimilarity: number };

export type AppealsConfig = { registrationNumberFormat: RegistrationNumberFormat; analytics: AnalyticsConfig; notifications: NotificationSettings };

export function loadAppealsConfig(env: Record<string, string | undefined> = process.env): AppealsConfig {
  const parsed = loadConfig(appealsEnvSchema, env);
  return {
    registrationNumberFormat: { prefix: parsed.APPEALS_REGISTRATION_PREFIX, digits: parsed.APPEALS_REGISTRATION_DIGITS },
    analytics: {
      systemicThreshold: parsed.APPEALS_SYSTEMIC_THRESHOLD,
      systemicWindowDays: parsed.APPEALS_SYSTEMIC_WINDOW_DAYS,
      duplicateSimilarity: parsed.APPEALS_DUPLICATE_SIMILARITY,
    },
    notifications: notificationSettingsOf(parsed),
  };
}
