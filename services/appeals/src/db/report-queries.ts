import type { EntityManager } from '@mikro-orm/postgresql';
import { civilDaySql, civilDayTextSql } from '@bakylau/platform/civil-time';
import { closedLateSql, openAppealSql, overdueAppealSql } from '@bakylau/platform/law/appeal-predicates';
import { presidentialIssuerLevels, type AppealFigures, type PresidentialIssuerLevel, type SystemicIssueRow } from '../domain/semi-annual-report.ts';

// The aggregates of the semi-annual report (R7.6). Each is one statement over an index-backed
// range (registered_at, the rollup's day, issued_at), grouped in PostgreSQL: no appeal row
// reaches the service. Civil dates are Kazakhstan's (civilDaySql), as in the problem map.

/** Instants bounding the period: [from, to) as the start of the first day and of the day after the last. */
export type InstantRange = { from: string; to: string };

// The one `?` is the day of the report (open appeals past their due date on it are overdue).
const figureColumns = `count(*) as received,
  count(*) filter (where state = 'ANSWERED') as answered,
  count(*) filter (where state = 'ANSWERED' and ${civilDaySql('signed_at')} <= due_date) as answered_on_time,
  count(*) filter (where ${openAppealSql('state')}) as in_work,
  count(*) filter (where state = 'FORWARDED') as forwarded,
  count(*) filter (where state = 'LEFT_WITHOUT_CONSIDERATION') as left_without_consideration,
  count(*) filter (where state = 'REDIRECTED_EXCLUDED') as redirected_excluded,
  count(*) filter (where state = 'WITHDRAWN') as withdrawn,
  count(*) filter (where ${closedLateSql({ closedOn: civilDaySql('closed_at'), dueDate: 'due_date' })} or ${overdueAppealSql({ state: 'state', dueDate: 'due_date', today: '?::date' })}) as overdue,
  count(*) filter (where rework_count > 0) as returned_for_rework,
  count(*) filter (where repeated_of_id is not null) as repeated,
  count(*) filter (where applicant_type = 'COLLECTIVE') as collective,
  count(*) filter (where under_akim_control) as under_akim_control`;

type FigureRow = {
  received: string;
  answered: string;
  answered_on_time: string;
  in_work: string;
  forwarded: string;
  left_without_consideration: string;
  redirected_excluded: string;
  withdrawn: string;
  overdue: string;
  returned_for_rework: string;
  repeated: string;
  collective: string;
  under_akim_control: string;
};

function figuresOf(row: FigureRow | undefined): AppealFigures {
  const v = (value: string | undefined) => Number(value ?? 0);
  return {
    received: v(row?.received),
    answered: v(row?.answered),
    answeredOnTime: v(row?.answered_on_time),
    inWork: v(row?.in_work),
    forwarded: v(row?.forwarded),
    leftWithoutConsideration: v(row?.left_without_consideration),
    redirectedExcluded: v(row?.redirected_excluded),
    withdrawn: v(row?.withdrawn),
    overdue: v(row?.overdue),
    returnedForRework: v(row?.returned_for_rework),
    repeated: v(row?.repeated),
    collective: v(row?.collective),
    underAkimControl: v(row?.under_akim_control),
  };
}

/** The figures of every appeal registered in the range (one aggregate, for the graph's totals). */
export async function appealTotals(em: EntityManager, range: InstantRange, today: string): Promise<AppealFigures> {
  const rows = await em.execute<FigureRow[]>(`select ${figureColumns} from appeal where registered_at >= ? and registered_at < ?`, [
    today,
    range.from,
    range.to,
  ]);
  return figuresOf(rows[0]);
}

export type Dimension = 'total' | 'channel' | 'kind' | 'category' | 'district' | 'executor';
export type BreakdownFigures = { dimension: Dimension; key: string | null; figures: AppealFigures };

/**
 * The totals and the breakdowns by channel, kind, category, district and executor (the appeal's
 * organization) in one pass over the period's appeals: GROUPING SETS aggregate every dimension
 * from the same scan of the `appeal_registry` range.
 */
export async function appealBreakdowns(em: EntityManager, range: InstantRange, today: string): Promise<BreakdownFigures[]> {
  const rows = await em.execute<(FigureRow & { dimension: Dimension; key: string | null })[]>(
    `select case grouping(channel, kind, category_id, district_id, organization_id)
         when 31 then 'total' when 15 then 'channel' when 23 then 'kind' when 27 then 'category' when 29 then 'district' else 'executor' end as dimension,
       coalesce(channel, kind, category_id::text, district_id::text, organization_id::text) as key,
       ${figureColumns}
     from appeal where registered_at >= ? and registered_at < ?
     group by grouping sets ((), (channel), (kind), (category_id), (district_id), (organization_id))`,
    [today, range.from, range.to],
  );
  return rows.map((row) => ({ dimension: row.dimension, key: row.key, figures: figuresOf(row) }));
}

export type PreviousCounts = { total: number; byCategory: Map<string | null, number>; byDistrict: Map<string | null, number> };

/** Appeals registered in [from, to] (civil days), from the problem-map rollup: cheap for the comparison with the previous half-year. */
export async function registeredFromRollup(em: EntityManager, from: string, to: string): Promise<PreviousCounts> {
  const rows = await em.execute<{ by: 'total' | 'category' | 'district'; key: string | null; registered: string }[]>(
    `select case grouping(category_id, district_id) when 3 then 'total' when 1 then 'category' else 'district' end as by,
       coalesce(category_id, district_id)::text as key, sum(registered) as registered
     from appeal_map_rollup where day between ?::date and ?::date
     group by grouping sets ((), (category_id), (district_id))`,
    [from, to],
  );
  const counts: PreviousCounts = { total: 0, byCategory: new Map(), byDistrict: new Map() };
  for (const row of rows) {
    if (row.by === 'total') counts.total = Number(row.registered);
    else (row.by === 'category' ? counts.byCategory : counts.byDistrict).set(row.key, Number(row.registered));
  }
  return counts;
}

/** Names of directory rows by id, for the labels of the breakdowns. */
export async function directoryNames(em: EntityManager, table: 'category' | 'district' | 'organization', ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await em.execute<{ id: string; name: string }[]>(`select id, name from ${table} where id in (${ids.map(() => '?').join(', ')})`, [...ids]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The systemic issues of the period (their window overlaps it; dismissed ones left out), the
 * latest per category × district, most appeals first.
 */
export async function topSystemicIssues(em: EntityManager, from: string, to: string, limit: number): Promise<SystemicIssueRow[]> {
  const rows = await em.execute<{ category: string; district: string; appeal_count: number; state: SystemicIssueRow['state'] }[]>(
    `select c.name as category, d.name as district, s.appeal_count, s.state
     from (select distinct on (category_id, district_id) category_id, district_id, appeal_count, state
           from systemic_issue where state <> 'DISMISSED' and window_from <= ?::date and window_to >= ?::date
           order by category_id, district_id, detected_at desc) s
     join category c on c.id = s.category_id join district d on d.id = s.district_id
     order by s.appeal_count desc, c.name, d.name limit ${limit}`,
    [to, from],
  );
  return rows.map((r) => ({ category: r.category, district: r.district, appealCount: r.appeal_count, state: r.state }));
}

export type InstructionFactRow = {
  number: string;
  issuerLevel: PresidentialIssuerLevel;
  issuedOn: string;
  dueDate: string;
  executedOn: string | null;
  removedFromControl: boolean;
  executedLate: boolean;
  overdue: boolean;
};

/**
 * Instructions of the President and his Administration put on control in the range, from the
 * read model the instructions consumer keeps: per instruction its latest due date, execution
 * day, and whether an executor was late (executed after its due date) or is overdue now (not
 * executed, past its due date on `today` or reported overdue by the instructions service).
 */
export async function presidentialInstructions(em: EntityManager, range: InstantRange, today: string): Promise<InstructionFactRow[]> {
  const rows = await em.execute<
    {
      number: string;
      issuer_level: PresidentialIssuerLevel;
      issued_on: string;
      due_date: string;
      executed_on: string | null;
      removed: boolean;
      executed_late: boolean;
      overdue: boolean;
    }[]
  >(
    `select f.number, f.issuer_level, ${civilDayTextSql('f.issued_at')} as issued_on,
       to_char(max(e.due_date), 'YYYY-MM-DD') as due_date,
       case when bool_and(e.executed_on is not null) then to_char(max(e.executed_on), 'YYYY-MM-DD') end as executed_on,
       f.removed_at is not null as removed,
       coalesce(bool_or(e.executed_on > e.due_date), false) as executed_late,
       coalesce(bool_or(e.executed_on is null and (e.due_date < ?::date or e.overdue_due_date >= e.due_date)), false) as overdue
     from instruction_fact f join instruction_fact_executor e on e.instruction_id = f.instruction_id
     where f.issued_at >= ? and f.issued_at < ? and f.issuer_level in (${presidentialIssuerLevels.map(() => '?').join(', ')})
     group by f.instruction_id
     order by f.issued_at, f.number`,
    [today, range.from, range.to, ...presidentialIssuerLevels],
  );
  return rows.map((r) => ({
    number: r.number,
    issuerLevel: r.issuer_level,
    issuedOn: r.issued_on,
    dueDate: r.due_date,
    executedOn: r.executed_on,
    removedFromControl: r.removed,
    executedLate: r.executed_late,
    overdue: r.overdue,
  }));
}
