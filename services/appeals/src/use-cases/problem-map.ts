import { canSeePersonalData, requireRole, type Role } from '@bakylau/platform/auth/principal';
import { addCalendarDays } from '@bakylau/platform/calendar/index';
import { badUserInput } from '@bakylau/platform/errors';
import { closedLateSql, overdueAppealSql } from '@bakylau/platform/law/appeal-predicates';
import { trendOf } from '../domain/systemic-issues.ts';
import { isUuid } from '@bakylau/platform/ids';
import { todayOf, type UseCaseDeps } from './use-case-deps.ts';
import { civilDaySql, civilDayTextSql, endOfCivilDay, startOfCivilDay } from '@bakylau/platform/civil-time';

const readRoles: Role[] = ['analyst', 'controller', 'department_head', 'registrar', 'official', 'admin'];
/** The longest period a map covers (about 3 years), and the most points of the geo layer. */
const maxPeriodDays = 1100;
export const maxGeoFeatures = 10_000;

export type ProblemMapCell = {
  districtId: string | null;
  categoryId: string | null;
  registered: number;
  closed: number;
  overdue: number;
  overdueShare: number;
  previousRegistered: number;
  trend: number | null;
};

export type ProblemMap = { from: string; to: string; previousFrom: string; previousTo: string; registered: number; cells: ProblemMapCell[] };

type Period = { from: string; to: string; previousFrom: string; previousTo: string };

function periodOf(from: string, to: string): Period {
  if (to < from) throw badUserInput('The period ends before it starts', [{ field: 'to', message: 'must not be before from' }]);
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  if (days > maxPeriodDays) throw badUserInput('The period is too long', [{ field: 'to', message: `the period may cover at most ${maxPeriodDays} days` }]);
  return { from, to, previousFrom: addCalendarDays(from, -days), previousTo: addCalendarDays(from, -1) };
}

function categoryOf(categoryId: string | null | undefined): string | null {
  if (!categoryId) return null;
  if (!isUuid(categoryId)) throw badUserInput('Unknown category', [{ field: 'categoryId', message: 'is not a category id' }]);
  return categoryId;
}

type RollupRow = { district_id: string | null; category_id: string | null; registered: string; closed: string; closed_late: string; previous: string };
type OpenOverdueRow = { district_id: string | null; category_id: string | null; n: string };

/**
 * The problem map (R7.2): appeals registered in [from, to] (Kazakhstan civil days, inclusive) per
 * district × category, with the previous period of equal length for the trend. Counts come from
 * the rollup table; overdue = closed after the due date (rollup) + still open and past due today
 * (live, from the partial index of open appeals, which stays small).
 */
export async function problemMap(deps: UseCaseDeps, from: string, to: string, categoryId?: string | null): Promise<ProblemMap> {
  requireRole(deps.principal, ...readRoles);
  const period = periodOf(from, to);
  const category = categoryOf(categoryId);
  const categorySql = category ? ' and category_id = ?' : '';
  const rollup = await deps.em.execute<RollupRow[]>(
    `select district_id, category_id,
       coalesce(sum(registered) filter (where day >= ?::date), 0) as registered,
       coalesce(sum(closed) filter (where day >= ?::date), 0) as closed,
       coalesce(sum(closed_late) filter (where day >= ?::date), 0) as closed_late,
       coalesce(sum(registered) filter (where day < ?::date), 0) as previous
     from appeal_map_rollup where day between ?::date and ?::date${categorySql}
     group by district_id, category_id`,
    [period.from, period.from, period.from, period.from, period.previousFrom, period.to, ...(category ? [category] : [])],
  );
  const openOverdue = await deps.em.execute<OpenOverdueRow[]>(
    `select district_id, category_id, count(*) as n from appeal
     where ${overdueAppealSql({ state: 'state', dueDate: 'due_date', today: '?::date' })} and registered_at >= ? and registered_at < ?${categorySql}
     group by district_id, category_id`,
    [todayOf(deps), startOfCivilDay(period.from).toISOString(), endOfCivilDay(period.to).toISOString(), ...(category ? [category] : [])],
  );
  const key = (r: { district_id: string | null; category_id: string | null }) => `${r.district_id ?? ''}|${r.category_id ?? ''}`;
  const open = new Map(openOverdue.map((r) => [key(r), Number(r.n)]));
  const cells = rollup
    .map((r): ProblemMapCell => {
      const registered = Number(r.registered);
      const previousRegistered = Number(r.previous);
      const overdue = Number(r.closed_late) + (open.get(key(r)) ?? 0);
      return {
        districtId: r.district_id,
        categoryId: r.category_id,
        registered,
        closed: Number(r.closed),
        overdue,
        overdueShare: registered ? Math.round((overdue / registered) * 1000) / 1000 : 0,
        previousRegistered,
        trend: trendOf(registered, previousRegistered),
      };
    })
    .filter((c) => c.registered > 0 || c.previousRegistered > 0)
    .sort(
      (a, b) => b.registered - a.registered || (a.districtId ?? '').localeCompare(b.districtId ?? '') || (a.categoryId ?? '').localeCompare(b.categoryId ?? ''),
    );
  return { ...period, registered: cells.reduce((sum, c) => sum + c.registered, 0), cells };
}

type GeoRow = {
  id: string;
  category_id: string | null;
  district_id: string | null;
  state: string;
  registered_on: string;
  overdue: boolean;
  lat: number;
  lon: number;
};

export type GeoJsonFeatureCollection = {
  type: 'FeatureCollection';
  features: { type: 'Feature'; id: string; geometry: { type: 'Point'; coordinates: [number, number] }; properties: Record<string, string | boolean | null> }[];
  truncated: boolean;
};

/**
 * The appeals of the period that have a point, as GeoJSON (RFC 7946: [lon, lat]). Properties are
 * ids and facts only (category, district, state, day, overdue), never the applicant or the text.
 * A point may be the applicant's home, so callers who may not see personal data get it rounded
 * to 3 decimals (about 100 m). At most {@link maxGeoFeatures}, newest first (`truncated` says so).
 */
export async function problemMapGeoJson(deps: UseCaseDeps, from: string, to: string, categoryId?: string | null): Promise<GeoJsonFeatureCollection> {
  const principal = requireRole(deps.principal, ...readRoles);
  const period = periodOf(from, to);
  const category = categoryOf(categoryId);
  const rows = await deps.em.execute<GeoRow[]>(
    `select id, category_id, district_id, state,
       ${civilDayTextSql('registered_at')} as registered_on,
       ${overdueAppealSql({ state: 'state', dueDate: 'due_date', today: '?::date' })} or ${closedLateSql({ closedOn: civilDaySql('closed_at'), dueDate: 'due_date' })} as overdue,
       geo_lat as lat, geo_lon as lon
     from appeal
     where geo_lat is not null and geo_lon is not null and registered_at >= ? and registered_at < ?${category ? ' and category_id = ?' : ''}
     order by registered_at desc, id desc limit ${maxGeoFeatures + 1}`,
    [todayOf(deps), startOfCivilDay(period.from).toISOString(), endOfCivilDay(period.to).toISOString(), ...(category ? [category] : [])],
  );
  const exact = canSeePersonalData(principal);
  const round = (v: number) => (exact ? v : Math.round(v * 1000) / 1000);
  return {
    type: 'FeatureCollection',
    truncated: rows.length > maxGeoFeatures,
    features: rows.slice(0, maxGeoFeatures).map((r) => ({
      type: 'Feature',
      id: r.id,
      geometry: { type: 'Point', coordinates: [round(r.lon), round(r.lat)] },
      properties: { appealId: r.id, categoryId: r.category_id, districtId: r.district_id, state: r.state, registeredOn: r.registered_on, overdue: r.overdue },
    })),
  };
}
