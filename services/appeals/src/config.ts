import { loadConfig, z } from '@bakylau/platform/config';
import type { RegistrationNumberFormat } from './domain/registration-number.ts';

/** The appeals service's own settings (the runtime validates the shared ones). */
const appealsEnvSchema = z.object({
  /** Prefix of registration numbers: the akimat's index, e.g. ЖТ for Zhetysu region. */
  APPEALS_REGISTRATION_PREFIX: z.string().min(1).max(16).default('ЖТ'),
  /** Digits of the yearly sequence number (zero-padded). */
  APPEALS_REGISTRATION_DIGITS: z.coerce.number().int().min(3).max(10).default(6),
});

export type AppealsConfig = { registrationNumberFormat: RegistrationNumberFormat };

export function loadAppealsConfig(env: Record<string, string | undefined> = process.env): AppealsConfig {
  const parsed = loadConfig(appealsEnvSchema, env);
  return { registrationNumberFormat: { prefix: parsed.APPEALS_REGISTRATION_PREFIX, digits: parsed.APPEALS_REGISTRATION_DIGITS } };
}
