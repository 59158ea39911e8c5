import type { Migration } from '@mikro-orm/migrations';

/**
 * The notification table, for services that tell applicants what happened: their own migration
 * calls these (the table is not in every service, unlike the outbox).
 */
export function createNotificationTable(migration: Migration): void {
  migration.addSql(`create table notification (
    id uuid primary key,
    source_event_id text not null,
    kind text not null,
    appeal_id uuid,
    appointment_id uuid,
    channel text not null check (channel in ('EMAIL', 'SMS')),
    recipient text not null,
    language text not null check (language in ('RU', 'KK')),
    subject text not null,
    body text not null,
    status text not null default 'PENDING' check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts int not null default 0,
    next_attempt_at timestamptz not null,
    last_error text,
    created_at timestamptz not null,
    delivered_at timestamptz,
    unique (source_event_id, channel)
  )`);
  migration.addSql(`create index notification_due on notification (next_attempt_at) where status = 'PENDING'`);
  migration.addSql(`create index notification_appeal on notification (appeal_id) where appeal_id is not null`);
  migration.addSql(`create index notification_appointment on notification (appointment_id) where appointment_id is not null`);
}

export function dropNotificationTable(migration: Migration): void {
  migration.addSql('drop table notification');
}
