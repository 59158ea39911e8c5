import type { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor, encodeCursor } from '@bakylau/platform/graphql/connection';
import type { AppealScope } from '../use-cases/appeal-access.ts';
import { Appeal } from './entities.ts';

/**
 * Which part of an appeal a caller's search may look into: the whole (summary and text), or only the
 * summary, for callers who may not read the text (it is personal data): a hit on the text alone would
 * tell them what it says, and its highlight would show it.
 */
export type SearchReach = 'all' | 'summary';

/**
 * The query of a search: the words with the Russian stemmer OR as written (`simple`), so Russian word
 * forms and exact Kazakh words both match. `websearch_to_tsquery` accepts user syntax ("quoted phrase",
 * `or`, `-word`) and never fails on odd input.
 */
export const tsQuerySql = `(websearch_to_tsquery('russian'::regconfig, ?) || websearch_to_tsquery('simple'::regconfig, ?))`;

/** The WHERE fragment and its parameters matching `query` on an appeal aliased `alias`. */
export function textMatch(alias: string, query: string, reach: SearchReach): { sql: string; params: unknown[] } {
  const base = `${alias}.search_vector @@ ${tsQuerySql}`;
  // The GIN index finds the candidates on the whole vector; the summary's lexemes (weight A) decide.
  if (reach === 'all') return { sql: base, params: [query, query] };
  return { sql: `(${base} and ts_filter(${alias}.search_vector, '{a}') @@ ${tsQuerySql})`, params: [query, query, query, query] };
}

/** WHERE fragments of the caller's scope (as in the registry). */
export function scopeMatch(alias: string, scope: AppealScope): { sql: string; params: unknown[] } | null {
  if (scope.kind === 'organization') {
    return { sql: `exists (select 1 from appeal_executor e where e.appeal_id = ${alias}.id and e.organization_id = ?)`, params: [scope.organizationId] };
  }
  if (scope.kind === 'official') return { sql: `${alias}.reception_official_subject = ?`, params: [scope.subject] };
  if (scope.kind === 'applicant') {
    if (scope.iin === null) return { sql: `${alias}.applicant_subject = ?`, params: [scope.subject] };
    return { sql: `(${alias}.applicant_subject = ? or ${alias}.applicant_iin = ?)`, params: [scope.subject, scope.iin] };
  }
  return null;
}

// Matches are marked with control characters inside PostgreSQL, then the text is HTML-escaped and the
// marks become <mark>…</mark>: a highlight is safe to render whatever the appeal says.
const startMark = '\u0001';
const stopMark = '\u0002';
const headlineOptions = `StartSel="${startMark}", StopSel="${stopMark}", MaxWords=30, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "`;

export function markHighlight(raw: string): string {
  const escaped = raw.replaceAll(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
  return escaped.replaceAll(startMark, '<mark>').replaceAll(stopMark, '</mark>');
}

export type SearchHit = { node: Appeal; rank: number; highlight: string; cursor: string };
export type SearchPage = { edges: SearchHit[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number };

/**
 * A page of search hits, best first (ts_rank, then id), keyset-paginated on (rank, id): one query
 * for the page with its highlights (ts_headline runs on the page's rows only), one for the count,
 * one for the rows.
 */
export async function searchAppealsPage(
  em: EntityManager,
  input: { query: string; reach: SearchReach; scope: AppealScope; first: number; after?: string | null },
): Promise<SearchPage> {
  const match = textMatch('a', input.query, input.reach);
  const scope = scopeMatch('a', input.scope);
  const where = [match.sql, ...(scope ? [scope.sql] : [])].join(' and ');
  const params = [...match.params, ...(scope?.params ?? [])];
  let cursorSql = '';
  const cursorParams: unknown[] = [];
  if (input.after) {
    const [rank, id] = decodeCursor(input.after, 2);
    cursorSql = 'where (m.rank, m.id) < (?::real, ?::uuid)';
    cursorParams.push(String(rank), String(id));
  }
  // The highlight shows only what the caller may read: the summary, plus the text for those who may.
  const document = input.reach === 'all' ? `h.summary || E'\\n' || h.text` : 'h.summary';
  const pageRows = await em.execute<{ id: string; rank: number; rank_text: string; headline: string }[]>(
    `with m as (
       select a.id, ts_rank(a.search_vector, ${tsQuerySql}) as rank from appeal a where ${where}
     ), page as (
       select m.id, m.rank from m ${cursorSql} order by m.rank desc, m.id desc limit ${input.first + 1}
     )
     select page.id, page.rank, page.rank::text as rank_text,
       ts_headline('russian'::regconfig, ${document}, ${tsQuerySql}, '${headlineOptions}') as headline
     from page join appeal h on h.id = page.id order by page.rank desc, page.id desc`,
    [input.query, input.query, ...params, ...cursorParams, input.query, input.query],
  );
  const countRows = await em.execute<{ count: string }[]>(`select count(*) as count from appeal a where ${where}`, params);
  const pageIds = pageRows.slice(0, input.first).map((r) => r.id);
  const rows = pageIds.length ? await em.find(Appeal, { id: { $in: pageIds } }) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const edges: SearchHit[] = [];
  for (const r of pageRows.slice(0, input.first)) {
    const node = byId.get(r.id);
    if (node) edges.push({ node, rank: r.rank, highlight: markHighlight(r.headline), cursor: encodeCursor([r.rank_text, r.id]) });
  }
  return {
    edges,
    pageInfo: { hasNextPage: pageRows.length > input.first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: Number(countRows[0]?.count ?? 0),
  };
}
