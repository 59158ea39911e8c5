import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { metrics } from '../metrics.ts';
import { recordEvent } from '../outbox/record-event.ts';
import type { NotificationChannel } from './notification-channel.ts';
import { Notification, type NotificationChannelName, type NotificationLanguage } from './notification.ts';

export const notificationDeliveredType = 'kz.bakylau.notification.delivered.v1';

/** A message to an applicant, caused by one event; it becomes one row per channel the applicant can be reached by. */
export type ApplicantNotice = {
  sourceEventId: string;
  kind: string;
  appealId?: string | null;
  appointmentId?: string | null;
  language: NotificationLanguage;
  subject: string;
  emailBody: string;
  smsText: string;
  /** Personal data: written to the notification row only. */
  email?: string | null;
  phone?: string | null;
};

export type DispatchSummary = { delivered: number; retried: number; failed: number };

export type Notifier = {
  /** The channels that are configured; a notice is queued only for these. */
  readonly channels: readonly NotificationChannelName[];
  /** Queues the notice in the caller's transaction; a second call for the same event and channel adds nothing. */
  queue(em: EntityManager, notice: ApplicantNotice, now: Date): Promise<number>;
  /** Sends what is due at `now` (a few at a time) and records each result. */
  dispatchDue(em: EntityManager, now: Date): Promise<DispatchSummary>;
  close(): void;
};

export type NotifierOptions = {
  service: string;
  /** Where `notification.delivered` goes: the service's own topic, keyed by the appeal or appointment. */
  topic: string;
  source: string;
  channels: NotificationChannel[];
  batchSize?: number;
  /** First retry delay; it doubles per attempt up to `maxBackoffMs`. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long a claimed row is left to its dispatcher before another may take it (a crashed one). */
  leaseMs?: number;
};

/** The wait before attempt `attempts + 1`: doubling from `baseMs`, capped at `maxMs`. Transient failures are retried forever. */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30), maxMs);
}

type ClaimedRow = {
  id: string;
  kind: string;
  appeal_id: string | null;
  appointment_id: string | null;
  channel: NotificationChannelName;
  recipient: string;
  language: NotificationLanguage;
  subject: string;
  body: string;
  attempts: number;
};

/**
 * Tells applicants over e-mail and SMS, from a table rather than inline: a mutation or a consumer
 * only queues rows (in its own transaction), and this dispatcher sends them later, so a channel
 * that is down delays a notice but never blocks the appeal nor loses the notice.
 *
 * Rows are claimed with FOR UPDATE SKIP LOCKED and leased (next_attempt_at moved ahead) in a short
 * transaction, then sent outside it: no transaction waits on a mail server. A crash between sending
 * and recording may send a message twice; it never drops one.
 */
export function createNotifier(options: NotifierOptions): Notifier {
  const byName = new Map(options.channels.map((channel) => [channel.name, channel]));
  const batchSize = options.batchSize ?? 20;
  const baseBackoffMs = options.baseBackoffMs ?? 30_000;
  const maxBackoffMs = options.maxBackoffMs ?? 3_600_000;
  const leaseMs = options.leaseMs ?? 120_000;
  const counter = metrics.notificationAttempts();

  async function queue(em: EntityManager, notice: ApplicantNotice, now: Date): Promise<number> {
    const targets: [NotificationChannelName, string, string][] = [];
    if (notice.email && byName.has('EMAIL')) targets.push(['EMAIL', notice.email, notice.emailBody]);
    if (notice.phone && byName.has('SMS')) targets.push(['SMS', notice.phone, notice.smsText]);
    let queued = 0;
    for (const [channel, recipient, body] of targets) {
      const inserted = await em.execute<{ id: string }[]>(
        `insert into notification (id, source_event_id, kind, appeal_id, appointment_id, channel, recipient, language, subject, body, status, attempts, next_attempt_at, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?::timestamptz, ?::timestamptz)
         on conflict (source_event_id, channel) do nothing returning id`,
        [
          randomUUID(),
          notice.sourceEventId,
          notice.kind,
          notice.appealId ?? null,
          notice.appointmentId ?? null,
          channel,
          recipient,
          notice.language,
          notice.subject,
          body,
          now.toISOString(),
          now.toISOString(),
        ],
      );
      queued += inserted.length;
    }
    return queued;
  }

  async function claim(em: EntityManager, now: Date): Promise<ClaimedRow[]> {
    return em.execute<ClaimedRow[]>(
      `update notification set next_attempt_at = ?::timestamptz where id in (
         select id from notification
          where status = 'PENDING' and next_attempt_at <= ?::timestamptz and string_to_array(?, ',') @> array[channel]
          order by next_attempt_at limit ? for update skip locked)
       returning id, kind, appeal_id, appointment_id, channel, recipient, language, subject, body, attempts`,
      [new Date(now.getTime() + leaseMs).toISOString(), now.toISOString(), [...byName.keys()].join(','), batchSize],
    );
  }

  async function delivered(em: EntityManager, row: ClaimedRow, now: Date): Promise<void> {
    await em.transactional(async (tx) => {
      const updated = await tx.nativeUpdate(
        Notification,
        { id: row.id, status: 'PENDING' },
        { status: 'DELIVERED', attempts: row.attempts + 1, deliveredAt: now, lastError: null },
      );
      if (updated === 0) return;
      recordEvent(tx, {
        topic: options.topic,
        source: options.source,
        type: notificationDeliveredType,
        subject: row.appeal_id ?? row.appointment_id ?? row.id,
        data: {
          notificationId: row.id,
          kind: row.kind,
          channel: row.channel,
          language: row.language,
          appealId: row.appeal_id,
          appointmentId: row.appointment_id,
          deliveredAt: now.toISOString(),
          attempts: row.attempts + 1,
          actor: { subject: 'system', role: 'system' },
        },
      });
    });
  }

  async function dispatchDue(em: EntityManager, now: Date): Promise<DispatchSummary> {
    const summary: DispatchSummary = { delivered: 0, retried: 0, failed: 0 };
    if (byName.size === 0) return summary;
    for (const row of await claim(em, now)) {
      const channel = byName.get(row.channel);
      if (!channel) continue;
      const result = await channel.send({ to: row.recipient, subject: row.subject, text: row.body, reference: row.id });
      if (result.ok) {
        await delivered(em, row, now);
        summary.delivered += 1;
      } else if (result.permanent) {
        await em.nativeUpdate(Notification, { id: row.id, status: 'PENDING' }, { status: 'FAILED', attempts: row.attempts + 1, lastError: result.reason });
        summary.failed += 1;
      } else {
        const next = new Date(now.getTime() + retryDelayMs(row.attempts + 1, baseBackoffMs, maxBackoffMs));
        await em.nativeUpdate(Notification, { id: row.id, status: 'PENDING' }, { attempts: row.attempts + 1, nextAttemptAt: next, lastError: result.reason });
        summary.retried += 1;
      }
      counter.labels(options.service, row.channel, result.ok ? 'delivered' : result.permanent ? 'failed' : 'retried').inc();
    }
    return summary;
  }

  return {
    channels: [...byName.keys()],
    queue,
    dispatchDue,
    close: () => options.channels.forEach((channel) => channel.close()),
  };
}
