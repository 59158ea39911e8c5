import { Migration } from '@mikro-orm/migrations';

/**
 * The audit trail and compliance tables. audit_entry is append-only by the database itself:
 * a trigger refuses UPDATE, DELETE and TRUNCATE whoever runs them, and the `audit_appender`
 * role (which a production login role is made a member of) is granted only SELECT and INSERT.
 */
export class AuditInitial extends Migration {
  override name = '0001-audit-initial';

  override up(): void {
    // The single chain head: appends lock this row, so concurrent consumers never fork the chain.
    this.addSql(`create table audit_chain_head (
      id int primary key check (id = 1),
      last_sequence bigint not null,
      last_hash text not null
    )`);
    this.addSql(`insert into audit_chain_head (id, last_sequence, last_hash) values (1, 0, repeat('0', 64))`);
    this.addSql(`create table audit_entry (
      id uuid primary key,
      sequence bigint not null unique check (sequence > 0),
      event_id text not null unique,
      type text not null,
      source text not null,
      entity_type text not null,
      entity_id text not null,
      actor_subject text,
      actor_role text,
      occurred_at timestamptz not null,
      recorded_at timestamptz not null,
      summary jsonb not null,
      prev_hash text not null,
      hash text not null
    )`);
    this.addSql('create index audit_entry_entity on audit_entry (entity_type, entity_id, sequence)');
    this.addSql('create index audit_entry_recorded on audit_entry (recorded_at)');
    this.addSql('create index audit_entry_type on audit_entry (type, sequence)');
    this.addSql(`create function audit_entry_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_entry is append-only: % is not allowed', tg_op using errcode = '42501';
      end $$`);
    this.addSql(`create trigger audit_entry_no_change before update or delete on audit_entry
      for each row execute function audit_entry_append_only()`);
    this.addSql(`create trigger audit_entry_no_truncate before truncate on audit_entry
      for each statement execute function audit_entry_append_only()`);
    // Roles are cluster-wide and test databases are many: create the role once, tolerate a race.
    this.addSql(`do $$ begin
        if not exists (select 1 from pg_roles where rolname = 'audit_appender') then
          create role audit_appender nologin;
        end if;
      exception when duplicate_object or unique_violation then null;
      end $$`);
    this.addSql('revoke all on audit_entry from public');
    this.addSql('revoke all on audit_entry from audit_appender');
    this.addSql('grant select, insert on audit_entry to audit_appender');

    this.addSql(`create table compliance_violation (
      id uuid primary key,
      rule text not null,
      organization_id text not null,
      entity_type text not null,
      entity_id text not null,
      occurred_at timestamptz not null,
      detected_at timestamptz not null,
      details text not null,
      source_event_id text not null,
      unique (rule, entity_type, entity_id)
    )`);
    this.addSql('create index compliance_violation_org on compliance_violation (organization_id, occurred_at)');
    this.addSql('create index compliance_violation_occurred on compliance_violation (occurred_at, id)');

    this.addSql(`create table extension_fact (
      id uuid primary key,
      extension_event_id text not null unique,
      appeal_id text not null,
      organization_id text not null,
      extended_at timestamptz not null,
      notice_deadline date not null,
      noticed_at timestamptz,
      evaluated_at timestamptz
    )`);
    this.addSql('create index extension_fact_appeal on extension_fact (appeal_id)');
    this.addSql('create index extension_fact_open on extension_fact (notice_deadline) where noticed_at is null and evaluated_at is null');

    this.addSql(`create table record_keeping_inspection (
      id uuid primary key,
      organization_id text not null,
      planned_date date not null,
      held_date date,
      inspector text not null,
      findings text,
      violation_ids jsonb not null default '[]',
      planned_by text not null,
      created_at timestamptz not null,
      version int not null default 1
    )`);
    this.addSql('create index record_keeping_inspection_org on record_keeping_inspection (organization_id, planned_date)');
    this.addSql('create index record_keeping_inspection_planned on record_keeping_inspection (planned_date, id)');

    this.addSql(`create table staff_briefing (
      id uuid primary key,
      organization_id text not null,
      briefing_date date not null,
      topic text not null,
      attendees_count int not null check (attendees_count > 0),
      recorded_by text not null,
      created_at timestamptz not null
    )`);
    this.addSql('create index staff_briefing_date on staff_briefing (briefing_date, id)');

    this.addSql(`create table known_organization (
      id text primary key,
      kind text,
      parent_id text,
      active boolean not null,
      updated_at timestamptz not null
    )`);
  }

  override down(): void {
    this.addSql('drop table known_organization');
    this.addSql('drop table staff_briefing');
    this.addSql('drop table record_keeping_inspection');
    this.addSql('drop table extension_fact');
    this.addSql('drop table compliance_violation');
    this.addSql('drop table audit_entry');
    this.addSql('drop function audit_entry_append_only');
    this.addSql('drop table audit_chain_head');
  }
}
