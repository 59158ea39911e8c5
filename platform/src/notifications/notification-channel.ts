import type { NotificationChannelName } from './notification.ts';

/** One message as a channel sends it; `reference` is the notification id (the provider echoes it). */
export type OutgoingMessage = { to: string; subject: string; text: string; reference: string };

/**
 * What a channel made of one attempt. `permanent` failures (the address refused for good) are not
 * retried; every other failure is. `reason` goes to `notification.last_error`: a code and a status,
 * never the recipient or the text.
 */
export type DeliveryResult = { ok: true } | { ok: false; permanent: boolean; reason: string };

export type NotificationChannel = {
  name: NotificationChannelName;
  send(message: OutgoingMessage): Promise<DeliveryResult>;
  close(): void;
};
