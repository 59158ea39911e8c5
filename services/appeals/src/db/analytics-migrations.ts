import { Migration } from '@mikro-orm/migrations';
import { civilDaySql } from '@bakylau/platform/civil-time';

/**
 * Full-text search (R7): a stored generated `search_vector` over summary (weight A) and text
 * (weight B), each indexed twice: with the `russian` configuration (Snowball stemmer, so "дорога"
 * finds "дорогу", "дорог") and with `simple` (lower-cased words as written). PostgreSQL ships no
 * Kazakh stemmer or dictionary, so Kazakh text is found by its exact word form through `simple`
 * (the Russian stemmer only trims some Cyrillic endings of Kazakh words; it is not Kazakh morphology).
 * pg_trgm backs the near-duplicate check at registration.
 */
export class AppealsSearch extends Migration {
  override up(): void {
    this.addSql('create extension if not exists pg_trgm');
    this.addSql(`alter table appeal add column search_vector tsvector generated always as (
      setweight(to_tsvector('russian'::regconfig, summary), 'A') || setweight(to_tsvector('simple'::regconfig, summary), 'A') ||
      setweight(to_tsvector('russian'::regconfig, text), 'B') || setweight(to_tsvector('simple'::regconfig, text), 'B')) stored`);
    this.addSql('create index appeal_search on appeal using gin (search_vector)');
    // Near-duplicates compare the summary and the opening of the text (long texts make trigram sets huge).
    // GiST, not GIN: the check asks for the 10 nearest (`<->` with LIMIT), which GiST walks in distance
    // order; a GIN `%` scan would fetch every appeal above the cut-off, all of them when many share a template.
    this.addSql(`create index appeal_trigram on appeal using gist ((summary || ' ' || left(text, 400)) gist_trgm_ops(siglen=64))`);
    this.addSql('create index appeal_applicant_iin on appeal (applicant_iin, registered_at) where applicant_iin is not null');
  }

  override down(): void {
    this.addSql('drop index appeal_applicant_iin');
    this.addSql('drop index appeal_trigram');
    this.addSql('drop index appeal_search');
    this.addSql('alter table appeal drop column search_vector');
  }
}

/**
 * The problem map's rollup (R7.2): per registration day (Kazakhstan civil date) × district ×
 * category, how many appeals were registered, closed, and closed after their due date. A row
 * trigger keeps it in the transaction of every insert and of every change of the counted columns
 * (registration, classification, closing), whichever code path makes it. Open overdue appeals are
 * counted live from the small partial index `appeal_open_due`, since they change with the date.
 */
export class AppealsProblemMap extends Migration {
  override up(): void {
    this.addSql(`create table appeal_map_rollup (
      day date not null, district_id uuid, category_id uuid,
      registered int not null default 0, closed int not null default 0, closed_late int not null default 0,
      unique nulls not distinct (day, district_id, category_id))`);
    this.addSql('create index appeal_map_rollup_category on appeal_map_rollup (category_id, day)');
    this.addSql(`create function appeal_map_contribute(r appeal, sign int) returns void language plpgsql as $$
      begin
        insert into appeal_map_rollup as m (day, district_id, category_id, registered, closed, closed_late)
        values (${civilDaySql('r.registered_at')}, r.district_id, r.category_id, sign,
          case when r.closed_at is not null then sign else 0 end,
          case when r.closed_at is not null and ${civilDaySql('r.closed_at')} > r.due_date then sign else 0 end)
        on conflict (day, district_id, category_id) do update
          set registered = m.registered + excluded.registered, closed = m.closed + excluded.closed, closed_late = m.closed_late + excluded.closed_late;
      end $$`);
    this.addSql(`create function appeal_map_rollup_trigger() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          perform appeal_map_contribute(new, 1);
        elsif tg_op = 'DELETE' then
          perform appeal_map_contribute(old, -1);
        elsif (old.registered_at, old.district_id, old.category_id, old.closed_at, old.due_date)
              is distinct from (new.registered_at, new.district_id, new.category_id, new.closed_at, new.due_date) then
          perform appeal_map_contribute(old, -1);
          perform appeal_map_contribute(new, 1);
        end if;
        return null;
      end $$`);
    this.addSql(`create trigger appeal_map_rollup after insert or delete or update of registered_at, district_id, category_id, closed_at, due_date
      on appeal for each row execute function appeal_map_rollup_trigger()`);
    // Rows registered before this migration.
    this.addSql(`insert into appeal_map_rollup (day, district_id, category_id, registered, closed, closed_late)
      select ${civilDaySql('registered_at')}, district_id, category_id, count(*),
        count(*) filter (where closed_at is not null),
        count(*) filter (where closed_at is not null and ${civilDaySql('closed_at')} > due_date)
      from appeal group by 1, 2, 3`);
    // The evidence of a systemic issue and the geo layer read appeals of one category and district by date.
    this.addSql('create index appeal_category_district on appeal (category_id, district_id, registered_at)');
  }

  override down(): void {
    this.addSql('drop index appeal_category_district');
    this.addSql('drop trigger appeal_map_rollup on appeal');
    this.addSql('drop function appeal_map_rollup_trigger()');
    this.addSql('drop function appeal_map_contribute(appeal, int)');
    this.addSql('drop table appeal_map_rollup');
  }
}

/** Systemic issues (R7.1): proposals by the detection rule, decided by a controller or the department head. */
export class AppealsSystemicIssues extends Migration {
  override up(): void {
    this.addSql(`create table systemic_issue (
      id uuid primary key, version int not null default 1,
      state text not null check (state in ('PROPOSED', 'CONFIRMED', 'DISMISSED')),
      category_id uuid not null references category (id) deferrable initially deferred,
      district_id uuid not null references district (id) deferrable initially deferred,
      window_from date not null, window_to date not null, appeal_count int not null, previous_count int not null,
      threshold int not null, detected_at timestamptz not null, detected_by text not null,
      decided_by text, decided_role text, decided_at timestamptz, decision_note text, updated_at timestamptz not null)`);
    // At most one open proposal per category and district; detection refreshes it rather than adding another.
    this.addSql(`create unique index systemic_issue_one_proposed on systemic_issue (category_id, district_id) where state = 'PROPOSED'`);
    this.addSql('create index systemic_issue_pair on systemic_issue (category_id, district_id, detected_at desc)');
    this.addSql('create index systemic_issue_list on systemic_issue (detected_at desc, id desc)');
    this.addSql(`create table systemic_issue_appeal (
      systemic_issue_id uuid not null references systemic_issue (id) deferrable initially deferred,
      appeal_id uuid not null references appeal (id) deferrable initially deferred,
      primary key (systemic_issue_id, appeal_id))`);
  }

  override down(): void {
    this.addSql('drop table systemic_issue_appeal');
    this.addSql('drop table systemic_issue');
  }
}
