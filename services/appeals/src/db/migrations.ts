import { Migration } from '@mikro-orm/migrations';
import type { NamedMigration } from '@bakylau/platform/db/orm';
import { createNotificationTable, dropNotificationTable } from '@bakylau/platform/notifications/notification-migration';
import { AppealsProblemMap, AppealsSearch, AppealsSystemicIssues } from './analytics-migrations.ts';
import { AppealsCitizenView } from './citizen-migrations.ts';
import { AppealsEnumChecks } from './enum-check-migrations.ts';
import { AppealsInstructionFacts } from './report-migrations.ts';

/**
 * The directory, appeals with their control card, the per-year registration counter. Foreign keys
 * are checked at commit (deferred): rows reference each other by plain id columns, so the ORM does
 * not know their insert order within a unit of work.
 */
export class AppealsInitial extends Migration {
  override up(): void {
    this.addSql(`create table district (
      id uuid primary key, name text not null, name_kk text not null, kind text not null check (kind in ('DISTRICT', 'CITY')))`);
    this.addSql(`create table category (
      id uuid primary key, code text not null unique, name text not null, name_kk text not null,
      parent_id uuid references category (id) deferrable initially deferred, active boolean not null default true)`);
    this.addSql(`create table organization (
      id uuid primary key, name text not null, name_kk text, kind text not null,
      parent_id uuid references organization (id) deferrable initially deferred, district_id uuid references district (id) deferrable initially deferred,
      phone text, email text, address text, website text, active boolean not null default true,
      updated_at timestamptz not null)`);
    this.addSql(`create index organization_parent on organization (parent_id)`);
    // One row per year; registration takes the next number with an UPDATE ... RETURNING inside its
    // own transaction, so numbers are gapless (a rolled-back registration gives its number back).
    this.addSql(`create table registration_counter (year int primary key, next int not null)`);
    this.addSql(`create table appeal (
      id uuid primary key,
      registration_number text not null unique,
      registration_year int not null,
      registration_sequence int not null,
      version int not null default 1,
      kind text not null, channel text not null, state text not null,
      received_at timestamptz not null, registered_at timestamptz not null, registered_by text not null,
      term_start_date date not null, due_date date not null, forwarding_due_date date not null, max_due_date date not null,
      applicant_type text not null, applicant_subject text, applicant_name text, applicant_iin text, applicant_bin text,
      applicant_representative text, applicant_phone text, applicant_email text, applicant_address text,
      signatories_count int, signature jsonb,
      summary text not null, text text not null,
      category_id uuid references category (id) deferrable initially deferred, district_id uuid references district (id) deferrable initially deferred,
      organization_id uuid references organization (id) deferrable initially deferred,
      geo_lat double precision, geo_lon double precision,
      attachments jsonb not null default '[]',
      under_akim_control boolean not null default false,
      repeated_of_id uuid references appeal (id) deferrable initially deferred, duplicate_of_id uuid references appeal (id) deferrable initially deferred,
      source_appointment_id text,
      rework_count int not null default 0,
      final_document_id uuid, final_text text, final_outcome text,
      signed_by_subject text, signed_by_role text, signed_acting_for text, signed_at timestamptz,
      forwarded_to_id uuid references organization (id) deferrable initially deferred,
      closure_ground text, excluded_procedure text, closed_at timestamptz,
      overdue_notified_at timestamptz,
      updated_at timestamptz not null,
      unique (registration_year, registration_sequence))`);
    // Idempotent registration from reception: one appeal per appointment.
    this.addSql(`create unique index appeal_source_appointment on appeal (source_appointment_id) where source_appointment_id is not null`);
    this.addSql(`create index appeal_registry on appeal (registered_at desc, id desc)`);
    this.addSql(
      `create index appeal_open_due on appeal (due_date) where state not in ('ANSWERED', 'FORWARDED', 'LEFT_WITHOUT_CONSIDERATION', 'REDIRECTED_EXCLUDED', 'WITHDRAWN')`,
    );
    this.addSql(`create index appeal_organization on appeal (organization_id)`);
    this.addSql(`create index appeal_applicant_subject on appeal (applicant_subject)`);
    this.addSql(`create table appeal_executor (
      id uuid primary key, appeal_id uuid not null references appeal (id) deferrable initially deferred, organization_id uuid not null references organization (id) deferrable initially deferred,
      lead boolean not null, due_date date not null, state text not null,
      answer_text text, answer_outcome text, answered_at timestamptz,
      unique (appeal_id, organization_id))`);
    this.addSql(`create index appeal_executor_organization on appeal_executor (organization_id)`);
    this.addSql(`create unique index appeal_executor_one_lead on appeal_executor (appeal_id) where lead`);
    this.addSql(`create table appeal_due_date_change (
      id uuid primary key, appeal_id uuid not null references appeal (id) deferrable initially deferred, due_date date not null, reason text not null,
      decided_by text not null, decided_at timestamptz not null, applicant_notice_due_by date)`);
    this.addSql(`create index appeal_due_date_change_appeal on appeal_due_date_change (appeal_id)`);
    this.addSql(`create table appeal_answer (
      id uuid primary key, appeal_id uuid not null references appeal (id) deferrable initially deferred, round int not null, text text not null,
      outcome text not null, organization_id uuid not null references organization (id) deferrable initially deferred,
      submitted_by text not null, submitted_at timestamptz not null)`);
    this.addSql(`create index appeal_answer_appeal on appeal_answer (appeal_id)`);
    this.addSql(`create table appeal_review (
      id uuid primary key, appeal_id uuid not null references appeal (id) deferrable initially deferred, round int not null,
      completeness int not null check (completeness between 1 and 5), lawfulness int not null check (lawfulness between 1 and 5),
      measures_taken int not null check (measures_taken between 1 and 5), timeliness int not null check (timeliness between 1 and 5),
      clarity int not null check (clarity between 1 and 5), passed boolean not null,
      decision text not null check (decision in ('ACCEPT', 'RETURN')), remarks text, rework_due_date date,
      reviewed_by text not null, reviewed_at timestamptz not null)`);
    this.addSql(`create index appeal_review_appeal on appeal_review (appeal_id)`);
    this.addSql(`create table signing_delegation (
      id uuid primary key, head_subject text not null, substitute_subject text not null,
      valid_from date not null, valid_to date not null, created_at timestamptz not null, check (valid_from <= valid_to))`);
    this.addSql(`create index signing_delegation_substitute on signing_delegation (substitute_subject)`);
    this.addSql(`create table consultation (
      id uuid primary key, topic text not null, answer text not null, channel text not null,
      category_id uuid references category (id) deferrable initially deferred, recipient_name text, given_by text not null, given_at timestamptz not null)`);
    this.addSql(`create index consultation_given_at on consultation (given_at desc, id desc)`);
  }

  override down(): void {
    for (const table of [
      'consultation',
      'signing_delegation',
      'appeal_review',
      'appeal_answer',
      'appeal_due_date_change',
      'appeal_executor',
      'appeal',
      'registration_counter',
      'organization',
      'category',
      'district',
    ]) {
      this.addSql(`drop table ${table}`);
    }
  }
}

/**
 * The public Open311 API (use-cases/open311.ts) lists appeals of one category newest first; the
 * partial index holds only appeals it may publish (same predicate as the query, so the planner
 * uses it). Without a category the registry index `appeal_registry` serves the same order.
 */
export class AppealsOpen311 extends Migration {
  override up(): void {
    this.addSql(`create index appeal_open311_category on appeal (category_id, registered_at desc, id desc)
      where state not in ('WITHDRAWN', 'REDIRECTED_EXCLUDED') and applicant_type not in ('ANONYMOUS')
        and excluded_procedure is null and duplicate_of_id is null`);
  }

  override down(): void {
    this.addSql('drop index appeal_open311_category');
  }
}

/** The applicant's language for notices, and the notices themselves with their delivery record. */
export class AppealsApplicantNotices extends Migration {
  override up(): void {
    this.addSql(`alter table appeal add column applicant_language text not null default 'RU' check (applicant_language in ('RU', 'KK'))`);
    createNotificationTable(this);
  }

  override down(): void {
    dropNotificationTable(this);
    this.addSql('alter table appeal drop column applicant_language');
  }
}

/**
 * The registry's filters by the akim's control and by a range of due dates (R5.7): the partial
 * index serves `underAkimControl: true` (a small share) in the registry's order; due dates of
 * closed appeals too, which `appeal_open_due` leaves out.
 */
export class AppealsRegistryFilters extends Migration {
  override up(): void {
    this.addSql('create index appeal_akim_control on appeal (registered_at desc, id desc) where under_akim_control');
    this.addSql('create index appeal_due_date on appeal (due_date)');
  }

  override down(): void {
    this.addSql('drop index appeal_due_date');
    this.addSql('drop index appeal_akim_control');
  }
}

/**
 * The extension ceiling is two months from the day of each extension decision (АППК art. 76 part 3),
 * not a date fixed at registration: it is computed when an extension is decided, never stored.
 */
export class AppealsExtensionCeiling extends Migration {
  override up(): void {
    this.addSql('alter table appeal drop column max_due_date');
  }

  override down(): void {
    this.addSql('alter table appeal add column max_due_date date');
    // Back to the former rule, term start + 2 months, for the code that read the column.
    this.addSql("update appeal set max_due_date = (term_start_date + interval '2 months')::date");
    this.addSql('alter table appeal alter column max_due_date set not null');
  }
}

/**
 * Whether the due date was counted on entered calendar years only: a year after the entered ones is
 * estimated from the statutory rules (platform/src/calendar). Every due date so far was counted on
 * entered years (2025–2027), hence the default.
 */
export class AppealsDueDateCalendarVerified extends Migration {
  override up(): void {
    this.addSql('alter table appeal add column due_date_calendar_verified boolean not null default true');
  }

  override down(): void {
    this.addSql('alter table appeal drop column due_date_calendar_verified');
  }
}

/** An official reads the appeals given at their own receptions: the official's account travels with the visit's request. */
export class AppealsReceptionOfficial extends Migration {
  override up(): void {
    this.addSql('alter table appeal add column reception_official_subject text');
    this.addSql('create index appeal_reception_official on appeal (reception_official_subject)');
  }

  override down(): void {
    this.addSql('drop index appeal_reception_official');
    this.addSql('alter table appeal drop column reception_official_subject');
  }
}

/** Registry export links carry a random id of a grant kept here, claimed once: no bearer link to the journal for an hour. */
export class AppealsRegistryExportGrants extends Migration {
  override up(): void {
    this.addSql(`create table registry_export_grant (
      id uuid primary key,
      payload jsonb not null,
      expires_at timestamptz not null,
      used_at timestamptz
    )`);
    this.addSql('create index registry_export_grant_expires on registry_export_grant (expires_at)');
  }

  override down(): void {
    this.addSql('drop table registry_export_grant');
  }
}

/** A delegation of the head's rights can be revoked before its last day (R3.1); a revoked one confers nothing. */
export class AppealsDelegationRevocation extends Migration {
  override up(): void {
    this.addSql('alter table signing_delegation add column revoked_at timestamptz, add column revoked_by text');
  }

  override down(): void {
    this.addSql('alter table signing_delegation drop column revoked_at, drop column revoked_by');
  }
}

export const appealsMigrations: NamedMigration[] = [
  { name: '0001-appeals-initial', class: AppealsInitial },
  { name: '0002-appeals-search', class: AppealsSearch },
  { name: '0003-appeals-problem-map', class: AppealsProblemMap },
  { name: '0004-appeals-systemic-issues', class: AppealsSystemicIssues },
  { name: '0005-appeals-open311', class: AppealsOpen311 },
  { name: '0006-appeals-applicant-notices', class: AppealsApplicantNotices },
  { name: '0007-appeals-slip-rating-history', class: AppealsCitizenView },
  { name: '0008-appeals-instruction-facts', class: AppealsInstructionFacts },
  { name: '0009-appeals-registry-filters', class: AppealsRegistryFilters },
  { name: '0010-appeals-extension-ceiling', class: AppealsExtensionCeiling },
  { name: '0011-appeals-enum-checks', class: AppealsEnumChecks },
  { name: '0012-appeals-due-date-calendar-verified', class: AppealsDueDateCalendarVerified },
  { name: '0013-appeals-reception-official', class: AppealsReceptionOfficial },
  { name: '0014-appeals-registry-export-grants', class: AppealsRegistryExportGrants },
  { name: '0015-appeals-delegation-revocation', class: AppealsDelegationRevocation },
];
