import { countedOnVerifiedYears } from '@bakylau/platform/calendar/index';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireRole } from '@bakylau/platform/auth/principal';
import { badUserInput, forbidden, type FieldProblem } from '@bakylau/platform/errors';
import type { Actor } from '@bakylau/platform/events/cloud-event';
import { sealText } from '@bakylau/platform/events/sealed-text';
import { extensionNoticeDueBy, extensionRefusal } from '@bakylau/platform/law/appeal-terms';
import type { AppealKind, ExcludedProcedure } from '../domain/appeal-kinds.ts';
import { isOpen, transition, type AppealState } from '../domain/appeal-lifecycle.ts';
import { appealTerms } from '../domain/deadlines.ts';
import { Appeal, AppealDueDateChange, AppealExecutor } from '../db/entities.ts';
import { recordAppealsEvent } from '../events/appeals-events.ts';
import { civilDateProblems, referenceProblems } from './appeal-input.ts';
import { isApplicant, routingRoles } from './appeal-access.ts';
import { signingAuthority } from './signing-authority.ts';
import { actorOf, changeAppeal, newId, todayOf, type UseCaseDeps } from './use-case-deps.ts';

type Versioned = { appealId: string; expectedVersion: number };
const blank = (value: string | null | undefined): boolean => !value || value.trim() === '';

function requireText(field: string, value: string | null | undefined): FieldProblem[] {
  return blank(value) ? [{ field, message: 'is required' }] : [];
}

function throwIfAny(problems: FieldProblem[], message: string): void {
  if (problems.length) throw badUserInput(message, problems);
}

/** Closes the appeal and records `appeal.closed`. */
export function close(tx: EntityManager, deps: UseCaseDeps, appeal: Appeal, state: AppealState, actor: Actor): void {
  appeal.state = state;
  appeal.closedAt = deps.now();
  recordAppealsEvent(
    tx,
    'kz.bakylau.appeal.closed.v1',
    appeal.id,
    { appealId: appeal.id, organizationId: appeal.organizationId ?? null, finalState: state },
    actor,
    deps.trace,
  );
}

/** Sets kind, category, district and the akim's control; a new kind re-counts the initial term while REGISTERED. */
export async function classifyAppeal(
  deps: UseCaseDeps,
  input: Versioned & { kind?: AppealKind | null; categoryId?: string | null; districtId?: string | null; underAkimControl?: boolean | null },
): Promise<Appeal> {
  const principal = requireRole(deps.principal, ...routingRoles);
  return changeAppeal(deps, input.appealId, input.expectedVersion, async (tx, appeal) => {
    throwIfAny(
      await referenceProblems(tx, [
        { field: 'categoryId', id: input.categoryId, entity: 'category', activeOnly: true },
        { field: 'districtId', id: input.districtId, entity: 'district' },
      ]),
      'The classification has unknown references',
    );
    if (!isOpen(appeal.state)) throw badUserInput('A closed appeal cannot be reclassified', [{ field: 'appealId', message: 'is closed' }]);
    if (input.kind && input.kind !== appeal.kind) {
      if (appeal.state !== 'REGISTERED')
        throw badUserInput('The kind can change only before routing', [{ field: 'kind', message: 'the appeal is already routed' }]);
      const terms = appealTerms(input.kind, appeal.receivedAt, deps.calendar, deps.workingDayEnd);
      appeal.kind = input.kind;
      appeal.dueDate = terms.dueDate;
      appeal.dueDateCalendarVerified = terms.dueDateCalendarVerified;
      tx.create(AppealDueDateChange, {
        id: newId(),
        appealId: appeal.id,
        dueDate: terms.dueDate,
        reason: `term re-counted: reclassified as ${input.kind}`,
        decidedBy: principal.subject,
        decidedAt: deps.now(),
        applicantNoticeDueBy: null,
      });
    }
    if (input.categoryId !== undefined && input.categoryId !== null) appeal.categoryId = input.categoryId;
    if (input.districtId !== undefined && input.districtId !== null) appeal.districtId = input.districtId;
    if (typeof input.underAkimControl === 'boolean') appeal.underAkimControl = input.underAkimControl;
  });
}

export type ExecutorInput = { organizationId: string; dueDate?: string | null };

/** Routes a registered appeal to one lead executor and co-executors, each due no later than the appeal (R5.2). */
export async function assignAppeal(deps: UseCaseDeps, input: Versioned & { lead: ExecutorInput; coExecutors?: ExecutorInput[] | null }): Promise<Appeal> {
  const principal = requireRole(deps.principal, ...routingRoles);
  const executors = [
    { ...input.lead, lead: true, path: 'lead' },
    ...(input.coExecutors ?? []).map((e, i) => ({ ...e, lead: false, path: `coExecutors.${i}` })),
  ];
  return changeAppeal(deps, input.appealId, input.expectedVersion, async (tx, appeal) => {
    const today = todayOf(deps);
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    for (const e of executors) {
      if (seen.has(e.organizationId)) problems.push({ field: `${e.path}.organizationId`, message: 'the organization is already an executor' });
      seen.add(e.organizationId);
      problems.push(...civilDateProblems(`${e.path}.dueDate`, e.dueDate));
      if (e.dueDate && !problems.some((p) => p.field === `${e.path}.dueDate`)) {
        if (e.dueDate > appeal.dueDate)
          problems.push({ field: `${e.path}.dueDate`, message: `must not be later than the appeal's due date ${appeal.dueDate}` });
        else if (e.dueDate < today) problems.push({ field: `${e.path}.dueDate`, message: 'must not be in the past' });
      }
    }
    problems.push(
      ...(await referenceProblems(
        tx,
        executors.map((e) => ({ field: `${e.path}.organizationId`, id: e.organizationId, entity: 'organization' as const, activeOnly: true })),
      )),
    );
    throwIfAny(problems, 'The assignment is invalid');
    appeal.state = transition(appeal.state, 'assign');
    appeal.organizationId = input.lead.organizationId;
    for (const e of executors) {
      tx.create(AppealExecutor, {
        id: newId(),
        appealId: appeal.id,
        organizationId: e.organizationId,
        lead: e.lead,
        dueDate: e.dueDate ?? appeal.dueDate,
        state: 'ASSIGNED',
        answerText: null,
        answerOutcome: null,
        answeredAt: null,
      });
    }
    recordAppealsEvent(
      tx,
      'kz.bakylau.appeal.assigned.v1',
      appeal.id,
      {
        appealId: appeal.id,
        organizationId: input.lead.organizationId,
        executors: executors.map((e) => ({ organizationId: e.organizationId, lead: e.lead, dueDate: e.dueDate ?? appeal.dueDate })),
      },
      actorOf(principal),
      deps.trace,
    );
  });
}

/** Sends an appeal outside the akimat's competence to the competent body (the applicant is told at the same time). */
export async function forwardAppeal(deps: UseCaseDeps, input: Versioned & { toOrganizationId: string; reason: string }): Promise<Appeal> {
  const principal = requireRole(deps.principal, ...routingRoles);
  return changeAppeal(deps, input.appealId, input.expectedVersion, async (tx, appeal) => {
    const problems = [
      ...requireText('reason', input.reason),
      ...(await referenceProblems(tx, [{ field: 'toOrganizationId', id: input.toOrganizationId, entity: 'organization', activeOnly: true }])),
    ];
    throwIfAny(problems, 'The forwarding is invalid');
    const from = appeal.organizationId ?? null;
    appeal.state = transition(appeal.state, 'forward');
    appeal.forwardedToId = input.toOrganizationId;
    appeal.closureGround = input.reason.trim();
    const actor = actorOf(principal);
    recordAppealsEvent(
      tx,
      'kz.bakylau.appeal.forwarded.v1',
      appeal.id,
      {
        appealId: appeal.id,
        organizationId: from,
        toOrganizationId: input.toOrganizationId,
        receivedAt: appeal.receivedAt.toISOString(),
        forwardedAt: deps.now().toISOString(),
      },
      actor,
      deps.trace,
    );
    close(tx, deps, appeal, 'FORWARDED', actor);
  });
}

/** Leaves a registered appeal without consideration, naming the legal ground. */
export async function leaveWithoutConsideration(deps: UseCaseDeps, input: Versioned & { ground: string }): Promise<Appeal> {
  const principal = requireRole(deps.principal, ...routingRoles);
  throwIfAny(requireText('ground', input.ground), 'The legal ground is required');
  return changeAppeal(deps, input.appealId, input.expectedVersion, async (tx, appeal) => {
    const next = transition(appeal.state, 'leaveWithoutConsideration');
    appeal.closureGround = input.ground.trim();
    close(tx, deps, appeal, next, actorOf(principal));
  });
}

/** Marks and redirects an appeal whose procedure is set by other laws (R5.2 exclusions). */
export async function redirectExcluded(
  deps: UseCaseDeps,
  input: Versioned & { procedure: ExcludedProcedure; toOrganizationId?: string | null; ground: string },
): Promise<Appeal> {
  const principal = requireRole(deps.principal, ...routingRoles);
  throwIfAny(requireText('ground', input.ground), 'The explanation is required');
  return changeAppeal(deps, input.appealId, input.expectedVersion, async (tx, appeal) => {
    throwIfAny(
      await referenceProblems(tx, [{ field: 'toOrganizationId', id: input.toOrganizationId, entity: 'organization', activeOnly: true }]),
      'Unknown organization',
    );
    const next = transition(appeal.state, 'redirectExcluded');
    appeal.excludedProcedure = input.procedure;
    appeal.forwardedToId = input.toOrganizationId ?? null;
    appeal.closureGround = input.ground.trim();
    close(tx, deps, appeal, next, actorOf(principal));
  });
}

/** The applicant withdraws their appeal (a registrar records a withdrawal received on paper). */
export async function withdrawAppeal(deps: UseCaseDeps, input: Versioned): Promise<Appeal> {
  const principal = requireRole(deps.principal, 'citizen', 'registrar', 'department_head');
  return changeAppeal(deps, input.appealId, input.expectedVersion, async (tx, appeal) => {
    if (principal.role === 'citizen' && !isApplicant(principal, appeal)) throw forbidden('Only the applicant may withdraw the appeal');
    const next = transition(appeal.state, 'withdraw');
    close(tx, deps, appeal, next, actorOf(principal));
  });
}

/**
 * Extends the due date by a reasoned decision (АППК art. 76 part 3): later than the current due
 * date, at most two months from the day of the decision; a complaint is never extended (art. 99).
 * History keeps every date.
 */
export async function extendAppeal(deps: UseCaseDeps, input: Versioned & { newDueDate: string; reason: string }): Promise<Appeal> {
  const today = todayOf(deps);
  const authority = await signingAuthority(deps.em, deps.principal, today);
  throwIfAny([...requireText('reason', input.reason), ...civilDateProblems('newDueDate', input.newDueDate)], 'The extension is invalid');
  return changeAppeal(deps, input.appealId, input.expectedVersion, async (tx, appeal) => {
    if (!isOpen(appeal.state)) throw badUserInput('A closed appeal cannot be extended', [{ field: 'appealId', message: 'is closed' }]);
    const refusal = extensionRefusal(appeal, input.newDueDate, today, deps.calendar);
    if (refusal) throw badUserInput(`The extension is refused: ${refusal.message}`, [refusal]);
    const previous = appeal.dueDate;
    appeal.dueDate = input.newDueDate;
    // The ceiling it was checked against was counted from today on the calendar.
    appeal.dueDateCalendarVerified = countedOnVerifiedYears(deps.calendar, today, input.newDueDate);
    tx.create(AppealDueDateChange, {
      id: newId(),
      appealId: appeal.id,
      dueDate: input.newDueDate,
      reason: input.reason.trim(),
      decidedBy: authority.subject,
      decidedAt: deps.now(),
      applicantNoticeDueBy: extensionNoticeDueBy(today, deps.calendar),
    });
    recordAppealsEvent(
      tx,
      'kz.bakylau.appeal.extended.v2',
      appeal.id,
      {
        appealId: appeal.id,
        organizationId: appeal.organizationId ?? null,
        previousDueDate: previous,
        newDueDate: input.newDueDate,
        sealedReason: sealText(input.reason.trim(), deps.sealingKeys),
        decidedBy: { subject: authority.subject, role: authority.role },
        ...(authority.actingFor ? { decidedOnBehalfOf: { subject: authority.actingFor, role: 'department_head' as const } } : {}),
      },
      { subject: authority.subject, role: authority.role },
      deps.trace,
    );
  });
}
