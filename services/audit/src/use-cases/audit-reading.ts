import { requireRole, type Principal } from '@bakylau/platform/auth/principal';
import { isCivilDate } from '@bakylau/platform/calendar/index';
import { badUserInput } from '@bakylau/platform/errors';
import { listAuditEntries as listEntries, type AuditEntryListFilter } from '../db/audit-entry-store.ts';
import { listViolations as listViolationRows, type ViolationListFilter } from '../db/compliance-violation-store.ts';
import type { AuditEntry, ComplianceViolation, OrganizationComplianceModel, RecordKeepingInspection, StaffBriefing } from '../db/entities.ts';
import {
  listBriefings as listBriefingRows,
  listInspections as listInspectionRows,
  type BriefingListFilter,
  type InspectionListFilter,
} from '../db/record-keeping-store.ts';
import { isUuid } from '@bakylau/platform/ids';
import { decodeCursor, encodeCursor, pageSize, toConnection, type Connection } from '@bakylau/platform/graphql/connection';
import { complianceRules, type ComplianceRule } from '../domain/rules/compliance-rule.ts';
import type { AuditContext } from '../context.ts';

/** Roles that read the audit trail, violations and record-keeping (no personal data is in any of it). */
export function requireAuditReader(principal: Principal | null): Principal {
  return requireRole(principal, 'controller', 'department_head', 'admin', 'analyst');
}

const entryCursor = (entry: AuditEntry) => encodeCursor([entry.sequence]);
function afterSequence(after: string | null | undefined): number | null {
  const parts = after ? decodeCursor(after, 1) : null;
  if (!parts) return null;
  const [sequence] = parts;
  if (typeof sequence !== 'number' || !Number.isInteger(sequence))
    throw badUserInput('after is not a cursor from this list', [{ field: 'after', message: 'unknown cursor' }]);
  return sequence;
}

const violationCursor = (v: ComplianceViolation) => encodeCursor([v.occurredAt.toISOString(), v.id]);
function afterViolation(after: string | null | undefined): { occurredAt: Date; id: string } | null {
  const parts = after ? decodeCursor(after, 2) : null;
  if (!parts) return null;
  const occurredAt = new Date(String(parts[0]));
  if (Number.isNaN(occurredAt.getTime()) || !isUuid(String(parts[1])))
    throw badUserInput('after is not a cursor from this list', [{ field: 'after', message: 'unknown cursor' }]);
  return { occurredAt, id: String(parts[1]) };
}

function datedCursorAfter(after: string | null | undefined): { date: string; id: string } | null {
  const parts = after ? decodeCursor(after, 2) : null;
  if (!parts) return null;
  const [date, id] = parts.map(String) as [string, string];
  if (!isCivilDate(date) || !isUuid(id)) throw badUserInput('after is not a cursor from this list', [{ field: 'after', message: 'unknown cursor' }]);
  return { date, id };
}

export async function getAuditEntry(ctx: AuditContext, id: string): Promise<AuditEntry | null> {
  requireAuditReader(ctx.principal);
  return ctx.loaders.auditEntryById.load(id);
}

export async function listAuditEntries(
  ctx: AuditContext,
  filter: AuditEntryListFilter,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Connection<AuditEntry>> {
  requireAuditReader(ctx.principal);
  const size = pageSize(first);
  return toConnection(await listEntries(ctx.em, filter, size, afterSequence(after)), size, entryCursor);
}

/** `auditTrail` on another subgraph's entity, batched across a page of entities. */
export async function auditTrailOf(
  ctx: AuditContext,
  entityType: 'Appeal' | 'Instruction' | 'Appointment',
  entityId: string,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Connection<AuditEntry>> {
  requireAuditReader(ctx.principal);
  const size = pageSize(first);
  const entries = await ctx.loaders.auditTrail.load({ entityType, entityId, first: size, afterSequence: afterSequence(after) });
  return toConnection(entries, size, entryCursor);
}

export async function getViolation(ctx: AuditContext, id: string): Promise<ComplianceViolation | null> {
  requireAuditReader(ctx.principal);
  return ctx.loaders.violationById.load(id);
}

export async function listViolations(
  ctx: AuditContext,
  filter: ViolationListFilter,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Connection<ComplianceViolation>> {
  requireAuditReader(ctx.principal);
  const size = pageSize(first);
  return toConnection(await listViolationRows(ctx.em, filter, size, afterViolation(after)), size, violationCursor);
}

/** The parent of an organization's compliance report; the period is checked here. */
export function organizationCompliance(ctx: AuditContext, organizationId: string, from: Date, to: Date): OrganizationComplianceModel {
  requireAuditReader(ctx.principal);
  if (from.getTime() > to.getTime()) throw badUserInput('from must not be after to', [{ field: 'from', message: 'after to' }]);
  return { organizationId, from, to };
}

export async function complianceCounts(ctx: AuditContext, report: OrganizationComplianceModel): Promise<{ rule: ComplianceRule; count: number }[]> {
  const counts = await ctx.loaders.complianceCounts.load(report);
  return complianceRules.map((rule) => ({ rule, count: counts.get(rule) ?? 0 }));
}

export async function complianceViolationsPage(
  ctx: AuditContext,
  report: OrganizationComplianceModel,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Connection<ComplianceViolation>> {
  const size = pageSize(first);
  const rows = await ctx.loaders.organizationViolations.load({ ...report, first: size, after: afterViolation(after) });
  return toConnection(rows, size, violationCursor);
}

export async function getInspection(ctx: AuditContext, id: string): Promise<RecordKeepingInspection | null> {
  requireAuditReader(ctx.principal);
  return ctx.loaders.inspectionById.load(id);
}

export async function listInspections(
  ctx: AuditContext,
  filter: InspectionListFilter,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Connection<RecordKeepingInspection>> {
  requireAuditReader(ctx.principal);
  const size = pageSize(first);
  const cursor = datedCursorAfter(after);
  const rows = await listInspectionRows(ctx.em, filter, size, cursor ? { plannedDate: cursor.date, id: cursor.id } : null);
  return toConnection(rows, size, (i) => encodeCursor([i.plannedDate, i.id]));
}

export async function listBriefings(
  ctx: AuditContext,
  filter: BriefingListFilter,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Connection<StaffBriefing>> {
  requireAuditReader(ctx.principal);
  const size = pageSize(first);
  return toConnection(await listBriefingRows(ctx.em, filter, size, datedCursorAfter(after)), size, (b) => encodeCursor([b.briefingDate, b.id]));
}

/** The violations an inspection confirmed, through the per-request loader. */
export async function linkedViolations(ctx: AuditContext, inspection: RecordKeepingInspection): Promise<ComplianceViolation[]> {
  const found = await ctx.loaders.violationById.loadMany(inspection.violationIds);
  return found.filter((v): v is ComplianceViolation => v !== null && !(v instanceof Error));
}
