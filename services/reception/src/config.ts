import { loadConfig } from '@bakylau/platform/config';
import { notificationEnvSchema, notificationSettingsOf, type NotificationSettings } from '@bakylau/platform/notifications/notification-config';

/** The reception service's own settings (the runtime validates the shared ones): the SMS notices. */
export type ReceptionConfig = { notifications: NotificationSettings };

export function loadReceptionConfig(env: Record<string, string | undefined> = process.env): ReceptionConfig {
  return { notifications: notificationSettingsOf(loadConfig(notificationEnvSchema, env)) };
}
