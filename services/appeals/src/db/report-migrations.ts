import { Migration } from '@mikro-orm/migrations';

/**
 * The read model of instructions for the semi-annual report (R7.6): what the events of the
 * instructions service say about each instruction (number, issuer level, when it was put on
 * control and removed from it) and about each executor (due date, day of execution, a missed due
 * date). No text: the events carry none. Executors are organization ids without a foreign key:
 * the instructions service may name an organization this directory has not received yet.
 */
export class AppealsInstructionFacts extends Migration {
  override up(): void {
    this.addSql(`create table instruction_fact (
      instruction_id uuid primary key, number text not null, issuer_level text not null,
      issued_at timestamptz not null, removed_at timestamptz, updated_at timestamptz not null)`);
    this.addSql('create index instruction_fact_issued on instruction_fact (issued_at)');
    this.addSql(`create table instruction_fact_executor (
      instruction_id uuid not null references instruction_fact (instruction_id) deferrable initially deferred,
      organization_id uuid not null, due_date date not null, executed_on date, overdue_due_date date,
      primary key (instruction_id, organization_id))`);
  }

  override down(): void {
    this.addSql('drop table instruction_fact_executor');
    this.addSql('drop table instruction_fact');
  }
}
