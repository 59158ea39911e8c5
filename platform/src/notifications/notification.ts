import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** The languages an applicant may choose for what the akimat tells them. */
export const notificationLanguages = ['RU', 'KK'] as const;
export type NotificationLanguage = (typeof notificationLanguages)[number];

export const notificationChannels = ['EMAIL', 'SMS'] as const;
export type NotificationChannelName = (typeof notificationChannels)[number];

export const notificationStatuses = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];

/**
 * One message to one applicant over one channel, and the record of its delivery (the proof the
 * applicant was told, e.g. of an extension). `recipient` is personal data: it stays in this table
 * and is never logged nor published. One row per (source event, channel): a redelivered event
 * never sends twice.
 */
export const Notification = defineEntity({
  name: 'Notification',
  tableName: 'notification',
  uniques: [{ name: 'notification_source_event_id_channel_key', properties: ['sourceEventId', 'channel'] }],
  properties: {
    id: p.uuid().primary(),
    sourceEventId: p.text(),
    kind: p.text(),
    appealId: p.uuid().nullable(),
    appointmentId: p.uuid().nullable(),
    channel: p.enum(notificationChannels),
    recipient: p.text(),
    language: p.enum(notificationLanguages),
    subject: p.text(),
    body: p.text(),
    status: p.enum(notificationStatuses).default('PENDING'),
    attempts: p.integer().default(0),
    nextAttemptAt: p.datetime(),
    /** Why the last attempt failed: a channel's error code and status, never the recipient. */
    lastError: p.text().nullable(),
    createdAt: p.datetime(),
    deliveredAt: p.datetime().nullable(),
  },
});
export type Notification = InferEntity<typeof Notification>;
