import { requireRole } from '@bakylau/platform/auth/principal';
import { unauthenticated } from '@bakylau/platform/errors';
import { listAppeals, type AppealListFilter } from '../db/appeal-queries.ts';
import { decodeCursor, encodeCursor, toConnection, type Connection } from '@bakylau/platform/graphql/connection';
import { Appeal, Category, District, Organization } from '../db/entities.ts';
import type { AppealsLoaders } from '../db/loaders.ts';
import type { OrganizationKind } from '../domain/directory.ts';
import { checkAppealFilter } from '../domain/appeal-filter.ts';
import { appealScope, inScope } from './appeal-access.ts';
import { searchReachOf } from './search-appeals.ts';
import { isUuid } from '@bakylau/platform/ids';
import { todayOf, type UseCaseDeps } from './use-case-deps.ts';

/** One appeal, or null when it does not exist or lies outside the caller's scope (no existence leak). */
export async function findAppeal(deps: UseCaseDeps, loaders: AppealsLoaders, id: string): Promise<Appeal | null> {
  const scope = appealScope(deps.principal);
  if (!isUuid(id)) return null;
  const appeal = await loaders.appealById.load(id);
  if (!appeal) return null;
  const executors = scope.kind === 'organization' ? await loaders.executorsByAppeal.load(id) : [];
  return inScope(
    scope,
    appeal,
    executors.map((e) => e.organizationId),
  )
    ? appeal
    : null;
}

/** Those of the appeals `ids` the caller may read, in order (the evidence of a systemic issue, for instance). */
export async function readableAppeals(deps: UseCaseDeps, loaders: AppealsLoaders, ids: readonly string[]): Promise<Appeal[]> {
  const found = await Promise.all(ids.map((id) => findAppeal(deps, loaders, id)));
  return found.filter((appeal): appeal is Appeal => appeal !== null);
}

/** The appeal with this registration number, under the same visibility rules as by id. */
export async function findAppealByNumber(deps: UseCaseDeps, loaders: AppealsLoaders, registrationNumber: string): Promise<Appeal | null> {
  appealScope(deps.principal); // the caller's right before any lookup
  const row = await deps.em.findOne(Appeal, { registrationNumber: registrationNumber.trim() }, { fields: ['id'] });
  return row ? findAppeal(deps, loaders, row.id) : null;
}

export async function searchAppeals(deps: UseCaseDeps, filter: AppealListFilter, first: number, after?: string | null) {
  const scope = appealScope(deps.principal);
  checkAppealFilter(filter);
  return listAppeals(deps.em, { filter, scope, today: todayOf(deps), first, after: after ?? null, textReach: searchReachOf(deps.principal) });
}

function requireReader(deps: UseCaseDeps): void {
  if (!deps.principal) throw unauthenticated();
  requireRole(deps.principal);
}

/** Offset-free keyset pages over a small directory table ordered by (name, id). */
function byNameWhere(after: string | null | undefined): Record<string, unknown> {
  if (!after) return {};
  const [name, id] = decodeCursor(after, 2);
  return { $or: [{ name: { $gt: String(name) } }, { name: String(name), id: { $gt: String(id) } }] };
}

export async function listOrganizations(
  deps: UseCaseDeps,
  filter: { kind?: OrganizationKind | null; parentId?: string | null; districtId?: string | null; active?: boolean | null },
  first: number,
  after?: string | null,
): Promise<Connection<Organization>> {
  requireReader(deps);
  const where: Record<string, unknown> = { ...byNameWhere(after) };
  if (filter.kind) where['kind'] = filter.kind;
  if (filter.parentId) where['parentId'] = isUuid(filter.parentId) ? filter.parentId : null;
  if (filter.districtId) where['districtId'] = isUuid(filter.districtId) ? filter.districtId : null;
  if (typeof filter.active === 'boolean') where['active'] = filter.active;
  const rows = await deps.em.find(Organization, where, { orderBy: { name: 'asc', id: 'asc' }, limit: first + 1 });
  return toConnection(rows, first, (row) => encodeCursor([row.name, row.id]));
}

export async function listDistricts(deps: UseCaseDeps, first: number, after?: string | null): Promise<Connection<District>> {
  requireReader(deps);
  const rows = await deps.em.find(District, byNameWhere(after), { orderBy: { name: 'asc', id: 'asc' }, limit: first + 1 });
  return toConnection(rows, first, (row) => encodeCursor([row.name, row.id]));
}

export async function listCategories(deps: UseCaseDeps, first: number, after?: string | null): Promise<Connection<Category>> {
  requireReader(deps);
  const where: Record<string, unknown> = {};
  if (after) {
    const [code, id] = decodeCursor(after, 2);
    where['$or'] = [{ code: { $gt: String(code) } }, { code: String(code), id: { $gt: String(id) } }];
  }
  const rows = await deps.em.find(Category, where, { orderBy: { code: 'asc', id: 'asc' }, limit: first + 1 });
  return toConnection(rows, first, (row) => encodeCursor([row.code, row.id]));
}
