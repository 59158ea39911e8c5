import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 12, the applicant's side: who accepted the appeal (the slip, АППК art. 64), the applicant's
 * rating of the answer, and the history of states. The history is written by a row trigger on
 * `appeal`, so every code path that moves an appeal (use cases, the reception consumer) records it
 * in the same transaction without remembering to; `changed_at` is the row's `updated_at`, the
 * use case's clock, not the database's.
 */
export class AppealsCitizenView extends Migration {
  override up(): void {
    this.addSql(`alter table appeal
      add column accepted_by_name text,
      add column accepted_by_position text,
      add column accepted_by_organization_id uuid,
      add column review_reopened_at timestamptz`);
    // Appeals registered before: the registrar's subject is all that was kept. Left nullable so rows
    // written around the use cases (bulk loads, benchmarks) still insert; the slip falls back the same way.
    this.addSql('update appeal set accepted_by_name = registered_by');
    // myAppeals finds appeals registered on paper by the IIN in the citizen's token: index appeal_applicant_iin (0002).
    this.addSql(`create table appeal_rating (
      id uuid primary key,
      appeal_id uuid not null unique references appeal (id) deferrable initially deferred,
      satisfied boolean not null, comment text, rated_by text not null, rated_at timestamptz not null)`);
    this.addSql(`create table appeal_state_change (
      seq bigint generated always as identity primary key,
      appeal_id uuid not null references appeal (id) on delete cascade deferrable initially deferred,
      state text not null, changed_at timestamptz not null)`);
    this.addSql('create index appeal_state_change_appeal on appeal_state_change (appeal_id, seq)');
    // Appeals registered before: their registration and their present state (the steps between are lost).
    this.addSql(`insert into appeal_state_change (appeal_id, state, changed_at)
      select id, 'REGISTERED', registered_at from appeal order by registered_at, id`);
    this.addSql(`insert into appeal_state_change (appeal_id, state, changed_at)
      select id, state, updated_at from appeal where state <> 'REGISTERED' order by updated_at, id`);
    this.addSql(`create function appeal_record_state_change() returns trigger language plpgsql as $$
      begin
        insert into appeal_state_change (appeal_id, state, changed_at) values (new.id, new.state, new.updated_at);
        return null;
      end $$`);
    this.addSql('create trigger appeal_state_registered after insert on appeal for each row execute function appeal_record_state_change()');
    this.addSql(`create trigger appeal_state_changed after update of state on appeal
      for each row when (old.state is distinct from new.state) execute function appeal_record_state_change()`);
  }

  override down(): void {
    this.addSql('drop trigger appeal_state_changed on appeal');
    this.addSql('drop trigger appeal_state_registered on appeal');
    this.addSql('drop function appeal_record_state_change()');
    this.addSql('drop table appeal_state_change');
    this.addSql('drop table appeal_rating');
    this.addSql(`alter table appeal drop column review_reopened_at, drop column accepted_by_organization_id,
      drop column accepted_by_position, drop column accepted_by_name`);
  }
}
