import type { EntityManager } from '@mikro-orm/postgresql';
import { isCivilDate } from '@bakylau/platform/calendar/index';
import { civilIsoDateTime, civilOffsetIso, endOfCivilDay, startOfCivilDay } from '@bakylau/platform/civil-time';
import { badUserInput, notFound, type FieldProblem } from '@bakylau/platform/errors';
import { DateTimeScalar } from '@bakylau/platform/graphql/scalars';
import { closedAppealSql, openAppealSql } from '@bakylau/platform/law/appeal-predicates';
import {
  hiddenApplicantTypes,
  hiddenStates,
  open311ExpectedDateTime,
  open311Locales,
  open311MaxResults,
  open311StatusNotes,
  open311StatusOf,
  requestWindow,
  roundCoordinate,
  type Open311Locale,
  type Open311Status,
  type PublicAppealState,
} from '../domain/open311.ts';

/** A service of GET services (GeoReport v2 field names): one active category. */
export type Open311Service = {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: null;
  group: string | null;
};

/** A service request of GET requests (GeoReport v2 field names), without personal data. */
export type Open311ServiceRequest = {
  service_request_id: string;
  status: Open311Status;
  status_notes: string;
  service_name: string | null;
  service_code: string | null;
  description: null;
  agency_responsible: string | null;
  service_notice: null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string;
  address: string | null;
  address_id: null;
  zipcode: null;
  lat: number | null;
  long: number | null;
  media_url: null;
};

export type Open311RequestsQuery = {
  locale: Open311Locale;
  /** Registration numbers; when given, the other filters do not apply (as the spec says). */
  ids: string[] | null;
  serviceCodes: string[] | null;
  statuses: Open311Status[] | null;
  from: Date;
  to: Date;
  page: number;
  pageSize: number;
};

const maxListItems = 1000;
const maxPage = 10_000;

function listOf(query: URLSearchParams, name: string, problems: FieldProblem[]): string[] | null {
  const raw = query.get(name);
  if (raw === null) return null;
  const items = raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (!items.length) problems.push({ field: name, message: 'must name at least one value' });
  else if (items.length > maxListItems) problems.push({ field: name, message: `may name at most ${maxListItems} values` });
  else if (items.some((item) => item.length > 64)) problems.push({ field: name, message: 'holds a value longer than 64 characters' });
  return items;
}

function positiveInteger(query: URLSearchParams, name: string, max: number, fallback: number, problems: FieldProblem[]): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 1 && value <= max)) {
    problems.push({ field: name, message: `must be a whole number from 1 to ${max}` });
    return fallback;
  }
  return value;
}

/**
 * `start_date`/`end_date`: a W3C datetime with its zone, or a civil date read in Kazakhstan (the
 * start of that day, or for end_date its end). The result is the bound of [from, to).
 */
function boundOf(query: URLSearchParams, name: 'start_date' | 'end_date', problems: FieldProblem[]): Date | null {
  const raw = query.get(name);
  if (raw === null) return null;
  if (isCivilDate(raw)) return name === 'start_date' ? startOfCivilDay(raw) : endOfCivilDay(raw);
  try {
    const instant = DateTimeScalar.parseValue(raw);
    // end_date names the latest instant to include.
    return name === 'end_date' ? new Date(instant.getTime() + 1) : instant;
  } catch {
    problems.push({ field: name, message: `must be a datetime with a zone (2026-03-02T10:00:00${civilOffsetIso}) or a date (2026-03-02)` });
    return null;
  }
}

/** Reads and checks the parameters of GET requests; every problem is reported at once (400). */
export function parseRequestsQuery(query: URLSearchParams, now: Date): Open311RequestsQuery {
  const problems: FieldProblem[] = [];
  const locale = localeIn(query, problems);
  const ids = listOf(query, 'service_request_id', problems);
  const serviceCodes = listOf(query, 'service_code', problems);
  const statusList = listOf(query, 'status', problems);
  const statuses = statusList?.filter((s): s is Open311Status => s === 'open' || s === 'closed') ?? null;
  if (statusList && statuses && statuses.length !== statusList.length)
    problems.push({ field: 'status', message: 'must be open, closed or both (comma-separated)' });
  const start = boundOf(query, 'start_date', problems);
  const end = boundOf(query, 'end_date', problems);
  const page = positiveInteger(query, 'page', maxPage, 1, problems);
  const pageSize = positiveInteger(query, 'page_size', open311MaxResults, open311MaxResults, problems);
  if (problems.length) throw badUserInput('The request parameters are not valid', problems);
  const window = requestWindow(start, end, now);
  return { locale, ids, serviceCodes, statuses, from: window.from, to: window.to, page, pageSize };
}

function localeIn(query: URLSearchParams, problems: FieldProblem[]): Open311Locale {
  const raw = query.get('locale');
  if (raw === null) return 'ru';
  const locale = open311Locales.find((l) => l === raw);
  if (!locale) problems.push({ field: 'locale', message: `must be one of ${open311Locales.join(', ')}` });
  return locale ?? 'ru';
}

/** `locale=kk` gives Kazakh names (an extension of the spec); Russian otherwise. */
export function localeOf(query: URLSearchParams): Open311Locale {
  const problems: FieldProblem[] = [];
  const locale = localeIn(query, problems);
  if (problems.length) throw badUserInput('The request parameters are not valid', problems);
  return locale;
}

function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v}'`).join(', ');
}

// The constants are the domain's own words, never client input: safe to inline.
const publicAppeal = `a.state not in (${sqlList(hiddenStates)}) and a.applicant_type not in (${sqlList(hiddenApplicantTypes)})
  and a.excluded_procedure is null and a.duplicate_of_id is null`;
const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

type ServiceRow = { code: string; name: string; name_kk: string; parent_name: string | null; parent_name_kk: string | null };

/** GET services: the active categories, parents' names as `group`; one statement. */
export async function listOpen311Services(em: EntityManager, locale: Open311Locale): Promise<Open311Service[]> {
  const rows = await em.execute<ServiceRow[]>(
    `select c.code, c.name, c.name_kk, p.name as parent_name, p.name_kk as parent_name_kk
     from category c left join category p on p.id = c.parent_id
     where c.active order by c.code`,
  );
  return rows.map((r) => {
    const name = locale === 'kk' ? r.name_kk : r.name;
    return {
      service_code: r.code,
      service_name: name,
      description: name,
      metadata: false,
      type: 'realtime',
      keywords: null,
      group: (locale === 'kk' ? r.parent_name_kk : r.parent_name) ?? null,
    };
  });
}

// Only public columns are read: applicant, text, summary and answers never leave the database here.
type RequestRow = {
  registration_number: string;
  state: PublicAppealState;
  registered_at: Date | string;
  updated_at: Date | string;
  due_date: string;
  geo_lat: number | null;
  geo_lon: number | null;
  category_code: string | null;
  category_name: string | null;
  category_name_kk: string | null;
  organization_name: string | null;
  organization_name_kk: string | null;
  district_name: string | null;
  district_name_kk: string | null;
};

const requestColumns = `select a.registration_number, a.state, a.registered_at, a.updated_at, to_char(a.due_date, 'YYYY-MM-DD') as due_date,
    a.geo_lat, a.geo_lon, c.code as category_code, c.name as category_name, c.name_kk as category_name_kk,
    o.name as organization_name, o.name_kk as organization_name_kk, d.name as district_name, d.name_kk as district_name_kk
  from appeal a
  left join category c on c.id = a.category_id
  left join organization o on o.id = a.organization_id
  left join district d on d.id = a.district_id`;

function toServiceRequest(r: RequestRow, locale: Open311Locale): Open311ServiceRequest {
  const kk = locale === 'kk';
  const lat = r.geo_lat;
  const lon = r.geo_lon;
  return {
    service_request_id: r.registration_number,
    status: open311StatusOf(r.state),
    status_notes: open311StatusNotes(r.state, locale),
    service_name: (kk ? r.category_name_kk : r.category_name) ?? null,
    service_code: r.category_code ?? null,
    // The summary and the text are the citizen's words and may name them: never published.
    description: null,
    agency_responsible: (kk ? (r.organization_name_kk ?? r.organization_name) : r.organization_name) ?? null,
    service_notice: null,
    requested_datetime: civilIsoDateTime(new Date(r.registered_at)),
    updated_datetime: civilIsoDateTime(new Date(r.updated_at)),
    expected_datetime: open311ExpectedDateTime(r.due_date),
    // The district, never the applicant's address.
    address: (kk ? r.district_name_kk : r.district_name) ?? null,
    address_id: null,
    zipcode: null,
    lat: lat === null || lon === null ? null : roundCoordinate(lat),
    long: lat === null || lon === null ? null : roundCoordinate(lon),
    media_url: null,
  };
}

/**
 * GET requests: public appeals, newest first, one statement whatever the page size (the directory
 * rows come by joins). Served by the registry index (registered_at desc) or, per category, by
 * `appeal_open311_category`.
 */
export async function listOpen311Requests(em: EntityManager, query: Open311RequestsQuery): Promise<Open311ServiceRequest[]> {
  const where = [publicAppeal];
  const params: unknown[] = [];
  if (query.ids) {
    where.push(`a.registration_number in (${placeholders(query.ids)})`);
    params.push(...query.ids);
  } else {
    where.push('a.registered_at >= ? and a.registered_at < ?');
    params.push(query.from.toISOString(), query.to.toISOString());
    if (query.serviceCodes) {
      where.push(`a.category_id in (select id from category where code in (${placeholders(query.serviceCodes)}))`);
      params.push(...query.serviceCodes);
    }
    const statuses = new Set(query.statuses ?? []);
    if (statuses.size === 1) where.push(statuses.has('open') ? openAppealSql('a.state') : closedAppealSql('a.state'));
  }
  const rows = await em.execute<RequestRow[]>(
    `${requestColumns} where ${where.join(' and ')} order by a.registered_at desc, a.id desc limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
    params,
  );
  return rows.map((r) => toServiceRequest(r, query.locale));
}

/** GET a service request: the public appeal with this registration number, NOT_FOUND otherwise. */
export async function getOpen311Request(em: EntityManager, registrationNumber: string, locale: Open311Locale): Promise<Open311ServiceRequest> {
  const rows = await em.execute<RequestRow[]>(`${requestColumns} where ${publicAppeal} and a.registration_number = ?`, [registrationNumber]);
  const row = rows[0];
  if (!row) throw notFound('Service request', registrationNumber);
  return toServiceRequest(row, locale);
}
