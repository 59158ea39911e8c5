import { Migration } from '@mikro-orm/migrations';

/**
 * The outbox and inbox tables every service has. `txid` records the inserting transaction so the
 * relay reads only rows whose transactions are all finished (a sequence-ordered poll would
 * otherwise skip a row whose transaction commits after a later one).
 */
export class CreateOutboxAndInbox extends Migration {
  override name = '0000-platform-outbox-inbox';

  override up(): void {
    this.addSql(`create table outbox (
      id uuid primary key,
      seq bigint generated always as identity,
      txid xid8 not null default pg_current_xact_id(),
      topic text not null,
      message_key text not null,
      type text not null,
      event jsonb not null,
      headers jsonb not null default '{}',
      status text not null default 'pending' check (status in ('pending', 'published', 'dead')),
      attempts int not null default 0,
      last_error text,
      created_at timestamptz not null default now(),
      published_at timestamptz
    )`);
    this.addSql(`create index outbox_pending on outbox (seq) where status = 'pending'`);
    this.addSql(`create function outbox_notify() returns trigger language plpgsql as $$
      begin perform pg_notify('outbox', ''); return null; end $$`);
    this.addSql(`create trigger outbox_notify after insert on outbox
      for each statement execute function outbox_notify()`);
    this.addSql(`create table inbox (
      event_id text not null,
      consumer text not null,
      type text not null,
      processed_at timestamptz not null default now(),
      primary key (consumer, event_id)
    )`);
  }

  override down(): void {
    this.addSql('drop table inbox');
    this.addSql('drop trigger outbox_notify on outbox');
    this.addSql('drop function outbox_notify');
    this.addSql('drop table outbox');
  }
}
