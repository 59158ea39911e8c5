import type { EntityManager } from '@mikro-orm/postgresql';
import { requireRole } from '@bakylau/platform/auth/principal';
import { badUserInput, notFound, type FieldProblem } from '@bakylau/platform/errors';
import type { Actor } from '@bakylau/platform/events/cloud-event';
import type { TraceHeaders } from '@bakylau/platform/outbox/record-event';
import type { DistrictKind, OrganizationKind } from '../domain/directory.ts';
import { Category, District, Organization } from '../db/entities.ts';
import { recordAppealsEvent } from '../events/appeals-events.ts';
import { contactProblems, referenceProblems, storedContacts } from './appeal-input.ts';
import { isUuid } from '@bakylau/platform/ids';
import { actorOf, newId, type UseCaseDeps } from './use-case-deps.ts';

const blank = (value: string | null | undefined): boolean => !value || value.trim() === '';

export type OrganizationData = {
  id?: string | null;
  name: string;
  nameKk?: string | null;
  kind: OrganizationKind;
  parentId?: string | null;
  districtId?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  website?: string | null;
  active?: boolean | null;
};

/** Writes an organization and its `organization.upserted` event in the caller's unit of work (also used by the seed). */
export function saveOrganization(
  em: EntityManager,
  existing: Organization | null,
  data: OrganizationData,
  actor: Actor,
  now: Date,
  trace?: TraceHeaders,
): Organization {
  const contacts = storedContacts(data);
  const fields = {
    name: data.name.trim(),
    nameKk: data.nameKk ?? null,
    kind: data.kind,
    parentId: data.parentId ?? null,
    districtId: data.districtId ?? null,
    phone: contacts.phone,
    email: contacts.email,
    address: data.address ?? null,
    website: data.website ?? null,
    active: data.active ?? true,
    updatedAt: now,
  };
  const organization = existing ? Object.assign(existing, fields) : em.create(Organization, { id: data.id ?? newId(), ...fields });
  recordAppealsEvent(
    em,
    'kz.bakylau.organization.upserted.v1',
    organization.id,
    {
      organizationId: organization.id,
      name: organization.name,
      kind: organization.kind,
      parentId: organization.parentId ?? null,
      districtId: organization.districtId ?? null,
      active: organization.active,
    },
    actor,
    trace,
  );
  return organization;
}

async function loadForUpdate<T>(id: string | null | undefined, what: string, find: (id: string) => Promise<T | null>): Promise<T | null> {
  if (!id) return null;
  const found = isUuid(id) ? await find(id) : null;
  if (!found) throw notFound(what, id);
  return found;
}

export async function upsertOrganization(deps: UseCaseDeps, input: OrganizationData): Promise<Organization> {
  const principal = requireRole(deps.principal, 'admin');
  return deps.em.transactional(async (tx) => {
    const existing = await loadForUpdate(input.id, 'Organization', (id) => tx.findOne(Organization, { id }));
    const problems: FieldProblem[] = blank(input.name) ? [{ field: 'name', message: 'is required' }] : [];
    if (input.parentId && input.parentId === input.id) problems.push({ field: 'parentId', message: 'an organization cannot be its own parent' });
    problems.push(...contactProblems(input));
    problems.push(
      ...(await referenceProblems(tx, [
        { field: 'parentId', id: input.parentId, entity: 'organization' },
        { field: 'districtId', id: input.districtId, entity: 'district' },
      ])),
    );
    if (problems.length) throw badUserInput('The organization is invalid', problems);
    return saveOrganization(tx, existing, input, actorOf(principal), deps.now(), deps.trace);
  });
}

export async function upsertDistrict(deps: UseCaseDeps, input: { id?: string | null; name: string; nameKk: string; kind: DistrictKind }): Promise<District> {
  requireRole(deps.principal, 'admin');
  if (blank(input.name) || blank(input.nameKk)) {
    throw badUserInput('Names are required', [
      ...(blank(input.name) ? [{ field: 'name', message: 'is required' }] : []),
      ...(blank(input.nameKk) ? [{ field: 'nameKk', message: 'is required' }] : []),
    ]);
  }
  return deps.em.transactional(async (tx) => {
    const existing = await loadForUpdate(input.id, 'District', (id) => tx.findOne(District, { id }));
    const fields = { name: input.name.trim(), nameKk: input.nameKk.trim(), kind: input.kind };
    return existing ? Object.assign(existing, fields) : tx.create(District, { id: newId(), ...fields });
  });
}

export async function upsertCategory(
  deps: UseCaseDeps,
  input: { id?: string | null; code: string; name: string; nameKk: string; parentId?: string | null; active?: boolean | null },
): Promise<Category> {
  requireRole(deps.principal, 'admin');
  return deps.em.transactional(async (tx) => {
    const existing = await loadForUpdate(input.id, 'Category', (id) => tx.findOne(Category, { id }));
    const problems: FieldProblem[] = [];
    for (const field of ['code', 'name', 'nameKk'] as const) if (blank(input[field])) problems.push({ field, message: 'is required' });
    const sameCode = await tx.findOne(Category, { code: input.code.trim() });
    if (sameCode && sameCode.id !== existing?.id) problems.push({ field: 'code', message: 'is already used by another category' });
    problems.push(...(await referenceProblems(tx, [{ field: 'parentId', id: input.parentId, entity: 'category' }])));
    if (problems.length) throw badUserInput('The category is invalid', problems);
    const fields = {
      code: input.code.trim(),
      name: input.name.trim(),
      nameKk: input.nameKk.trim(),
      parentId: input.parentId ?? null,
      active: input.active ?? true,
    };
    return existing ? Object.assign(existing, fields) : tx.create(Category, { id: newId(), ...fields });
  });
}
