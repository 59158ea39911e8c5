import { Migration } from '@mikro-orm/migrations';

/** Officials, sessions and their slots, appointments, waiting lists, visit instructions, off-site plans. */
// Foreign keys are checked at commit: entities keep relations as id columns, so the unit of work
// does not know that a session must be inserted before its slots.
export class ReceptionInitial extends Migration {
  override name = '0001-reception-initial';

  override up(): void {
    this.addSql(`create table official (
      id uuid primary key,
      subject text,
      full_name text not null,
      position text not null,
      title text not null,
      organization_id uuid not null,
      district_id uuid,
      created_at timestamptz not null default now()
    )`);
    // One official record per account, so "own sessions" is unambiguous.
    this.addSql('create unique index official_subject on official (subject) where subject is not null');
    this.addSql('create index official_organization on official (organization_id)');

    this.addSql(`create table reception_plan (
      id uuid primary key,
      district_id uuid not null,
      organization_id uuid not null,
      title text not null,
      period_from date not null,
      period_to date not null,
      created_by text not null,
      created_at timestamptz not null default now(),
      check (period_from <= period_to)
    )`);
    this.addSql('create index reception_plan_district on reception_plan (district_id, period_from)');

    this.addSql(`create table reception_session (
      id uuid primary key,
      official_id uuid not null references official (id) deferrable initially deferred,
      organization_id uuid not null,
      plan_id uuid references reception_plan (id) deferrable initially deferred,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      format text not null check (format in ('IN_PERSON', 'OFF_SITE', 'VIDEOCONFERENCE')),
      place text,
      locality text,
      video_link text,
      remote_party text,
      capacity int not null check (capacity between 1 and 100),
      slot_minutes int not null check (slot_minutes between 5 and 120),
      state text not null check (state in ('SCHEDULED', 'HELD', 'CANCELLED')),
      created_by text not null,
      created_at timestamptz not null default now(),
      version int not null default 1
    )`);
    this.addSql('create index reception_session_official on reception_session (official_id, starts_at)');
    this.addSql('create index reception_session_organization on reception_session (organization_id, starts_at)');
    this.addSql('create index reception_session_plan on reception_session (plan_id, starts_at)');
    this.addSql('create index reception_session_starts on reception_session (starts_at, id)');

    this.addSql(`create table session_participant (
      id uuid primary key,
      session_id uuid not null references reception_session (id) deferrable initially deferred,
      official_id uuid not null references official (id) deferrable initially deferred,
      role text not null,
      unique (session_id, official_id)
    )`);

    this.addSql(`create table reception_slot (
      id uuid primary key,
      session_id uuid not null references reception_session (id) deferrable initially deferred,
      number int not null,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      unique (session_id, number)
    )`);

    this.addSql(`create table appointment (
      id uuid primary key,
      session_id uuid not null references reception_session (id) deferrable initially deferred,
      slot_id uuid not null references reception_slot (id) deferrable initially deferred,
      citizen_subject text,
      citizen_name text not null,
      citizen_phone text not null,
      topic text not null,
      state text not null check (state in ('BOOKED', 'CANCELLED', 'ATTENDED', 'NO_SHOW')),
      from_waiting_list boolean not null default false,
      booked_by_subject text not null,
      booked_by_role text not null,
      booked_at timestamptz not null default now(),
      cancelled_at timestamptz,
      outcomes text[] not null default '{}',
      referred_to text,
      appeal_requested_at timestamptz,
      visit_recorded_at timestamptz,
      appeal_id uuid,
      version int not null default 1
    )`);
    // The one-booking-per-slot rule lives in the database, so 100 concurrent bookings of a slot
    // cannot both pass a check: the loser's insert fails and is reported as CONFLICT.
    this.addSql(`create unique index appointment_slot_taken on appointment (slot_id) where state in ('BOOKED', 'ATTENDED')`);
    // A citizen holds at most one live booking per session (the waiting list is for the rest).
    this.addSql(`create unique index appointment_citizen_per_session on appointment (session_id, citizen_subject)
      where state = 'BOOKED' and citizen_subject is not null`);
    this.addSql('create index appointment_session on appointment (session_id, booked_at)');
    this.addSql('create index appointment_citizen on appointment (citizen_subject, booked_at)');
    this.addSql('create unique index appointment_appeal on appointment (appeal_id) where appeal_id is not null');

    this.addSql(`create table waiting_list_entry (
      id uuid primary key,
      session_id uuid not null references reception_session (id) deferrable initially deferred,
      citizen_subject text,
      citizen_name text not null,
      citizen_phone text not null,
      topic text not null,
      state text not null check (state in ('WAITING', 'PROMOTED', 'WITHDRAWN')),
      joined_at timestamptz not null default now(),
      appointment_id uuid references appointment (id) deferrable initially deferred,
      version int not null default 1
    )`);
    this.addSql(`create index waiting_list_queue on waiting_list_entry (session_id, joined_at, id) where state = 'WAITING'`);

    this.addSql(`create table visit_instruction (
      id uuid primary key,
      appointment_id uuid not null references appointment (id) deferrable initially deferred,
      text text not null,
      executor_organization_id uuid not null,
      due_date date not null,
      created_at timestamptz not null default now()
    )`);
    this.addSql('create index visit_instruction_appointment on visit_instruction (appointment_id)');
  }

  override down(): void {
    this.addSql('drop table visit_instruction');
    this.addSql('drop table waiting_list_entry');
    this.addSql('drop table appointment');
    this.addSql('drop table reception_slot');
    this.addSql('drop table session_participant');
    this.addSql('drop table reception_session');
    this.addSql('drop table reception_plan');
    this.addSql('drop table official');
  }
}
