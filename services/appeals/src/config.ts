import { loadConfig, z } from '@bakylau/platform/config';
import { notificationEnvSchema, notificationSettingsOf, type NotificationSettings } from '@bakylau/platform/notifications/notification-config';
import type { RegistrationNumberFormat } from './domain/registration-number.ts';

/** The appeals service's own settings (the runtime validates the shared ones). */
const appealsEnvSchema = notificationEnvSchema
  .extend({
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
    /** Where clients reach the system (the gateway): download links the graph returns start with it. */
    PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:4000'),
    /** Key of the HMAC that signs download links (slips, reports); required in production. */
    DOCUMENT_LINK_SECRET: z.string().min(32, 'must hold at least 32 characters').optional(),
    /** How long a signed download link stays valid. */
    DOCUMENT_LINK_TTL_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(60),
    /**
     * How long a registry export link lives (minutes). The file carries the journal of personal data,
     * so its link is short-lived and single-use, unlike a slip's or a report's.
     */
    APPEALS_REGISTRY_EXPORT_LINK_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
    /** The most appeals one registry export may hold (R5.7); a filter selecting more is refused and must be narrowed. */
    APPEALS_REGISTRY_EXPORT_MAX_ROWS: z.coerce.number().int().min(1).max(200_000).default(100_000),
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.DOCUMENT_LINK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['DOCUMENT_LINK_SECRET'], message: 'is required in production' });
    }
  });

/** Settings of the analytics (R7): the systemic-issue rule and the duplicate threshold. */
export type AnalyticsConfig = { systemicThreshold: number; systemicWindowDays: number; duplicateSimilarity: number };

/** Signed download links to generated documents (platform/src/documents/signed-link.ts). */
export type DocumentLinksConfig = { publicBaseUrl: string; secret: string; ttlMinutes: number };

/** The registry export (R5.7): its cap on rows. */
export type RegistryExportConfig = { maxRows: number; linkMinutes: number };

export type AppealsConfig = {
  registrationNumberFormat: RegistrationNumberFormat;
  analytics: AnalyticsConfig;
  documentLinks: DocumentLinksConfig;
  registryExport: RegistryExportConfig;
  notifications: NotificationSettings;
};

// Outside production a fixed key keeps links valid across restarts of a developer's system.
const developmentLinkSecret = 'bakylau-development-document-links-key';

export function loadAppealsConfig(env: Record<string, string | undefined> = process.env): AppealsConfig {
  const parsed = loadConfig(appealsEnvSchema, env);
  return {
    registrationNumberFormat: { prefix: parsed.APPEALS_REGISTRATION_PREFIX, digits: parsed.APPEALS_REGISTRATION_DIGITS },
    analytics: {
      systemicThreshold: parsed.APPEALS_SYSTEMIC_THRESHOLD,
      systemicWindowDays: parsed.APPEALS_SYSTEMIC_WINDOW_DAYS,
      duplicateSimilarity: parsed.APPEALS_DUPLICATE_SIMILARITY,
    },
    documentLinks: {
      publicBaseUrl: parsed.PUBLIC_BASE_URL.replace(/\/+$/, ''),
      secret: parsed.DOCUMENT_LINK_SECRET ?? developmentLinkSecret,
      ttlMinutes: parsed.DOCUMENT_LINK_TTL_MINUTES,
    },
    registryExport: { maxRows: parsed.APPEALS_REGISTRY_EXPORT_MAX_ROWS, linkMinutes: parsed.APPEALS_REGISTRY_EXPORT_LINK_MINUTES },
    notifications: notificationSettingsOf(parsed),
  };
}
