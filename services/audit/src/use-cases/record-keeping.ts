import { randomUUID } from 'node:crypto';
import { OptimisticLockError } from '@mikro-orm/core';
import { requireRole } from '@bakylau/platform/auth/principal';
import { civilDateInKazakhstan, isCivilDate } from '@bakylau/platform/calendar/index';
import { badUserInput, conflict, notFound, type FieldProblem } from '@bakylau/platform/errors';
import { topics } from '@bakylau/platform/events/topics';
import { recordEvent } from '@bakylau/platform/outbox/record-event';
import type { RequestContext } from '@bakylau/platform/service-runtime';
import { ComplianceViolation, RecordKeepingInspection, StaffBriefing } from '../db/entities.ts';
import { isKnownOrganization } from '../db/organization-copy-store.ts';
import { isUuid } from '@bakylau/platform/ids';
import { auditSource, eventTypes } from '../events/event-types.ts';

/** Who plans and records inspections and briefings (DOMAIN.md roles; R10.1, R10.2). */
const recordKeepingRoles = ['controller', 'department_head'] as const;
const maxLinkedViolations = 50;

type Clock = { now: () => Date };

function requireText(problems: FieldProblem[], field: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length < 1 || trimmed.length > max) problems.push({ field, message: `must be 1–${max} characters` });
  return trimmed;
}

function requirePastOrTodayDate(problems: FieldProblem[], field: string, value: string, today: string): void {
  if (!isCivilDate(value)) problems.push({ field, message: 'must be a date YYYY-MM-DD' });
  else if (value > today) problems.push({ field, message: 'must not be in the future' });
}

function throwIfProblems(problems: FieldProblem[]): void {
  if (problems.length > 0) throw badUserInput(`Invalid input: ${problems.map((p) => p.field).join(', ')}`, problems);
}

async function requireKnownOrganization(ctx: RequestContext, organizationId: string): Promise<void> {
  if (!(await isKnownOrganization(ctx.em, organizationId))) throw notFound('Organization', organizationId);
}

export async function planRecordKeepingInspection(
  ctx: RequestContext & Clock,
  input: { organizationId: string; plannedDate: string; inspector: string },
): Promise<RecordKeepingInspection> {
  const principal = requireRole(ctx.principal, ...recordKeepingRoles);
  const problems: FieldProblem[] = [];
  if (!isCivilDate(input.plannedDate)) problems.push({ field: 'plannedDate', message: 'must be a date YYYY-MM-DD' });
  const inspector = requireText(problems, 'inspector', input.inspector, 200);
  throwIfProblems(problems);
  await requireKnownOrganization(ctx, input.organizationId);

  const inspection = ctx.em.create(RecordKeepingInspection, {
    id: randomUUID(),
    organizationId: input.organizationId,
    plannedDate: input.plannedDate,
    heldDate: null,
    inspector,
    findings: null,
    violationIds: [],
    plannedBy: principal.subject,
    createdAt: ctx.now(),
  });
  recordEvent(ctx.em, {
    topic: topics.audit,
    source: auditSource,
    type: eventTypes.recordKeepingInspectionPlanned,
    subject: inspection.id,
    data: {
      inspectionId: inspection.id,
      organizationId: inspection.organizationId,
      plannedDate: inspection.plannedDate,
      actor: { subject: principal.subject, role: principal.role },
    },
    trace: ctx.trace,
  });
  await ctx.em.flush();
  return inspection;
}

export async function recordRecordKeepingInspectionResults(
  ctx: RequestContext & Clock,
  input: { inspectionId: string; heldDate: string; findings: string; violationIds?: string[] | null },
): Promise<RecordKeepingInspection> {
  const principal = requireRole(ctx.principal, ...recordKeepingRoles);
  const problems: FieldProblem[] = [];
  requirePastOrTodayDate(problems, 'heldDate', input.heldDate, civilDateInKazakhstan(ctx.now()));
  const findings = requireText(problems, 'findings', input.findings, 5000);
  const violationIds = [...new Set(input.violationIds ?? [])];
  if (violationIds.length > maxLinkedViolations) problems.push({ field: 'violationIds', message: `at most ${maxLinkedViolations}` });
  else if (!violationIds.every(isUuid)) problems.push({ field: 'violationIds', message: 'must be violation ids' });
  throwIfProblems(problems);

  const inspection = isUuid(input.inspectionId) ? await ctx.em.findOne(RecordKeepingInspection, { id: input.inspectionId }) : null;
  if (!inspection) throw notFound('RecordKeepingInspection', input.inspectionId);
  if (inspection.heldDate) throw conflict(`Inspection ${inspection.id} was already held on ${inspection.heldDate}`);
  if (violationIds.length > 0) {
    const violations = await ctx.em.find(ComplianceViolation, { id: { $in: violationIds } });
    const ofOrganization = new Set(violations.filter((v) => v.organizationId === inspection.organizationId).map((v) => v.id));
    const unknown = violationIds.filter((id) => !ofOrganization.has(id));
    if (unknown.length > 0) {
      throw badUserInput('Some violations do not exist or concern another organization', [
        { field: 'violationIds', message: `not violations of the inspected organization: ${unknown.join(', ')}` },
      ]);
    }
  }

  inspection.heldDate = input.heldDate;
  inspection.findings = findings;
  inspection.violationIds = violationIds;
  recordEvent(ctx.em, {
    topic: topics.audit,
    source: auditSource,
    type: eventTypes.recordKeepingInspectionHeld,
    subject: inspection.id,
    data: {
      inspectionId: inspection.id,
      organizationId: inspection.organizationId,
      plannedDate: inspection.plannedDate,
      heldDate: inspection.heldDate,
      violationIds,
      actor: { subject: principal.subject, role: principal.role },
    },
    trace: ctx.trace,
  });
  try {
    await ctx.em.flush();
  } catch (error) {
    if (error instanceof OptimisticLockError) throw conflict(`Inspection ${inspection.id} was changed by someone else; reload it`);
    throw error;
  }
  return inspection;
}

export async function recordStaffBriefing(
  ctx: RequestContext & Clock,
  input: { organizationId: string; date: string; topic: string; attendeesCount: number },
): Promise<StaffBriefing> {
  const principal = requireRole(ctx.principal, ...recordKeepingRoles);
  const problems: FieldProblem[] = [];
  requirePastOrTodayDate(problems, 'date', input.date, civilDateInKazakhstan(ctx.now()));
  const topic = requireText(problems, 'topic', input.topic, 500);
  if (!Number.isInteger(input.attendeesCount) || input.attendeesCount < 1 || input.attendeesCount > 1000) {
    problems.push({ field: 'attendeesCount', message: 'must be between 1 and 1000' });
  }
  throwIfProblems(problems);
  await requireKnownOrganization(ctx, input.organizationId);

  const briefing = ctx.em.create(StaffBriefing, {
    id: randomUUID(),
    organizationId: input.organizationId,
    briefingDate: input.date,
    topic,
    attendeesCount: input.attendeesCount,
    recordedBy: principal.subject,
    createdAt: ctx.now(),
  });
  recordEvent(ctx.em, {
    topic: topics.audit,
    source: auditSource,
    type: eventTypes.staffBriefingRecorded,
    subject: briefing.id,
    // The topic is free text and stays out of the event.
    data: {
      briefingId: briefing.id,
      organizationId: briefing.organizationId,
      date: briefing.briefingDate,
      attendeesCount: briefing.attendeesCount,
      actor: { subject: principal.subject, role: principal.role },
    },
    trace: ctx.trace,
  });
  await ctx.em.flush();
  return briefing;
}
