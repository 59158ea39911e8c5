import { Migration } from '@mikro-orm/migrations';

export class InstructionsInitial extends Migration {
  override name = '0001-instructions-initial';

  override up(): void {
    this.addSql(`create sequence instruction_number_seq`);
    this.addSql(`create table instruction (
      id uuid primary key,
      number text not null,
      issuer_level text not null check (issuer_level in ('PRESIDENT', 'STATE_COUNSELLOR', 'PRESIDENTIAL_ADMINISTRATION_LEADERSHIP', 'PA_APPEALS_DEPARTMENT', 'AKIM', 'OFFICIAL_AT_RECEPTION')),
      issuer_name text not null,
      issuer_position text,
      issuer_official_id text,
      text text not null,
      basis_appeal_ids text[] not null default '{}',
      basis_appointment_id text,
      basis_systemic_issue_id text,
      control_state text not null check (control_state in ('ON_CONTROL', 'REPORT_SUBMITTED', 'RETURNED', 'EXECUTED')),
      reporting_period_days int check (reporting_period_days between 1 and 90),
      basis_appeal_closed_while_open boolean not null default false,
      issued_at timestamptz not null,
      issued_on date not null,
      issued_by_subject text not null,
      issued_by_role text not null,
      removed_at timestamptz,
      removed_by_subject text,
      source_key text unique,
      version int not null default 1,
      constraint instruction_number_unique unique (issuer_level, number)
    )`);
    this.addSql(`create index instruction_basis_appeals on instruction using gin (basis_appeal_ids)`);
    this.addSql(`create index instruction_basis_appointment on instruction (basis_appointment_id) where basis_appointment_id is not null`);
    this.addSql(`create index instruction_issued on instruction (issued_at desc, id desc)`);
    this.addSql(`create table instruction_executor (
      id uuid primary key,
      instruction_id uuid not null references instruction (id) deferrable initially deferred,
      organization_id text not null,
      due_date date not null,
      state text not null check (state in ('ON_CONTROL', 'REPORT_SUBMITTED', 'RETURNED', 'FINAL_ACCEPTED')),
      next_report_due date,
      executed_on date,
      return_count int not null default 0,
      overdue_notified_for date,
      unique (instruction_id, organization_id)
    )`);
    this.addSql(`create index instruction_executor_organization on instruction_executor (organization_id, due_date)`);
    this.addSql(`create index instruction_executor_instruction on instruction_executor (instruction_id)`);
    this.addSql(`create table instruction_extension (
      id uuid primary key,
      instruction_id uuid not null references instruction (id) deferrable initially deferred,
      organization_id text not null,
      previous_due_date date not null,
      new_due_date date not null,
      reason text not null,
      decided_by_subject text not null,
      decided_at timestamptz not null
    )`);
    this.addSql(`create index instruction_extension_instruction on instruction_extension (instruction_id)`);
    this.addSql(`create table execution_report (
      id uuid primary key,
      instruction_id uuid not null references instruction (id) deferrable initially deferred,
      organization_id text not null,
      kind text not null check (kind in ('INTERIM', 'FINAL')),
      text text not null,
      state text not null check (state in ('SUBMITTED', 'ACCEPTED', 'RETURNED')),
      submitted_at timestamptz not null,
      submitted_by_subject text not null,
      remarks text,
      reviewed_at timestamptz,
      reviewed_by_subject text
    )`);
    this.addSql(`create index execution_report_instruction on execution_report (instruction_id)`);
    this.addSql(`create table inspection (
      id uuid primary key,
      instruction_id uuid not null references instruction (id) deferrable initially deferred,
      date date not null,
      place text not null,
      participants jsonb not null,
      findings text not null,
      evidence jsonb not null,
      violations jsonb not null,
      recorded_at timestamptz not null,
      recorded_by_subject text not null
    )`);
    this.addSql(`create index inspection_instruction on inspection (instruction_id)`);
    this.addSql(`create table disciplinary_proposal (
      id uuid primary key,
      instruction_id uuid not null references instruction (id) deferrable initially deferred,
      organization_id text not null,
      official_name text not null,
      official_position text not null,
      grounds text not null,
      state text not null check (state in ('PROPOSED', 'ACCEPTED', 'REJECTED')),
      outcome text,
      proposed_at timestamptz not null,
      proposed_by_subject text not null,
      decided_at timestamptz,
      decided_by_subject text
    )`);
    this.addSql(`create index disciplinary_proposal_instruction on disciplinary_proposal (instruction_id)`);
    this.addSql(`create table conclusion (
      id uuid primary key,
      instruction_id uuid not null unique references instruction (id) deferrable initially deferred,
      text text not null,
      signed_by_subject text not null,
      signer_role text not null,
      signed_at timestamptz not null
    )`);
    this.addSql(`create table organization_copy (
      id text primary key,
      name text not null,
      kind text,
      parent_id text,
      district_id text,
      active boolean not null,
      updated_at timestamptz not null
    )`);
  }

  override down(): void {
    this.addSql('drop table organization_copy');
    this.addSql('drop table conclusion');
    this.addSql('drop table disciplinary_proposal');
    this.addSql('drop table inspection');
    this.addSql('drop table execution_report');
    this.addSql('drop table instruction_extension');
    this.addSql('drop table instruction_executor');
    this.addSql('drop table instruction');
    this.addSql('drop sequence instruction_number_seq');
  }
}
