import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode, OptimisticLockError } from '@mikro-orm/core';
import { requireRole, type Role } from '@bakylau/platform/auth/principal';
import { civilDateInKazakhstan } from '@bakylau/platform/calendar/index';
import { badUserInput, conflict, notFound } from '@bakylau/platform/errors';
import type { Actor } from '@bakylau/platform/events/cloud-event';
import { decodeCursor, encodeCursor, toConnection, type Connection } from '@bakylau/platform/graphql/connection';
import { SystemicIssue } from '../db/analytics-entities.ts';
import {
  decideSystemicIssue,
  detectionWindows,
  systemicDecision,
  validRule,
  type LatestIssue,
  type SystemicIssueDecision,
  type SystemicIssueState,
  type SystemicRule,
} from '../domain/systemic-issues.ts';
import { recordAppealsEvent, systemActor } from '../events/appeals-events.ts';
import { isUuid } from '@bakylau/platform/ids';
import { actorOf, newId, type UseCaseDeps } from './use-case-deps.ts';
import { civilDayTextSql, endOfCivilDay, startOfCivilDay } from '@bakylau/platform/civil-time';

/** How many evidence appeals an issue keeps (the newest); `appealCount` is always the exact count. */
export const maxEvidence = 100;

const detectRoles: Role[] = ['analyst', 'controller', 'department_head'];
const decideRoles: Role[] = ['controller', 'department_head'];
const readRoles: Role[] = ['analyst', 'controller', 'department_head', 'registrar', 'official', 'admin'];

// sum() over a filter that matches no row of the group is null; numeric sums arrive as text.
type Cluster = { category_id: string; district_id: string; current: string | null; previous: string | null };
type LatestRow = { category_id: string; district_id: string; state: SystemicIssueState; detected_on: string; decided_on: string | null };

/**
 * Runs the rule over every category × district: counts come from the problem-map rollup (so a run
 * is cheap on millions of appeals), the evidence from `appeal_category_district`. One run at a time
 * (a transaction-scoped advisory lock), so a job on two replicas and a manual run never propose
 * the same cluster twice; the partial unique index guards it too. Returns the new proposals.
 */
export async function runSystemicDetection(em: EntityManager, now: Date, rule: SystemicRule, actor: Actor = systemActor): Promise<SystemicIssue[]> {
  const windows = detectionWindows(civilDateInKazakhstan(now), rule.windowDays);
  return em.transactional(async (tx) => {
    await tx.execute(`select pg_advisory_xact_lock(hashtext('appeals:systemic-issues'))`);
    const clusters = await tx.execute<Cluster[]>(
      `select category_id, district_id,
         sum(registered) filter (where day >= ?::date) as current,
         sum(registered) filter (where day < ?::date) as previous
       from appeal_map_rollup
       where day between ?::date and ?::date and category_id is not null and district_id is not null
       group by category_id, district_id
       having coalesce(sum(registered) filter (where day >= ?::date), 0) >= ?`,
      [windows.from, windows.from, windows.previousFrom, windows.to, windows.from, rule.threshold],
    );
    if (!clusters.length) return [];
    const latestRows = await tx.execute<LatestRow[]>(
      `select distinct on (category_id, district_id) category_id, district_id, state,
         ${civilDayTextSql('detected_at')} as detected_on,
         ${civilDayTextSql('decided_at')} as decided_on
       from systemic_issue where (category_id, district_id) in (${clusters.map(() => '(?::uuid, ?::uuid)').join(', ')})
       order by category_id, district_id, detected_at desc`,
      clusters.flatMap((c) => [c.category_id, c.district_id]),
    );
    const latest = new Map(latestRows.map((r) => [`${r.category_id}|${r.district_id}`, r]));
    const proposed: SystemicIssue[] = [];
    for (const cluster of clusters) {
      const current = Number(cluster.current ?? 0);
      const previous = Number(cluster.previous ?? 0);
      const row = latest.get(`${cluster.category_id}|${cluster.district_id}`);
      const last: LatestIssue = row ? { state: row.state, detectedOn: row.detected_on, decidedOn: row.decided_on } : null;
      const decision = systemicDecision(rule, current, last, windows);
      if (decision === 'skip') continue;
      const evidence = await tx.execute<{ id: string }[]>(
        `select id from appeal where category_id = ? and district_id = ? and registered_at >= ? and registered_at < ?
         order by registered_at desc, id desc limit ${maxEvidence}`,
        [cluster.category_id, cluster.district_id, startOfCivilDay(windows.from).toISOString(), endOfCivilDay(windows.to).toISOString()],
      );
      const appealIds = evidence.map((e) => e.id);
      let issue: SystemicIssue;
      if (decision === 'refresh') {
        const open = await tx.findOne(SystemicIssue, { categoryId: cluster.category_id, districtId: cluster.district_id, state: 'PROPOSED' });
        if (!open) continue;
        // Nothing new: leave the row (and its version, which a decision in progress holds) alone.
        if (open.windowFrom === windows.from && open.appealCount === current && open.previousCount === previous && open.threshold === rule.threshold) continue;
        issue = open;
        issue.windowFrom = windows.from;
        issue.windowTo = windows.to;
        issue.appealCount = current;
        issue.previousCount = previous;
        issue.threshold = rule.threshold;
        issue.updatedAt = now;
        await tx.execute('delete from systemic_issue_appeal where systemic_issue_id = ?', [issue.id]);
      } else {
        issue = tx.create(SystemicIssue, {
          id: newId(),
          state: 'PROPOSED',
          categoryId: cluster.category_id,
          districtId: cluster.district_id,
          windowFrom: windows.from,
          windowTo: windows.to,
          appealCount: current,
          previousCount: previous,
          threshold: rule.threshold,
          detectedAt: now,
          detectedBy: actor.subject,
          decidedBy: null,
          decidedRole: null,
          decidedAt: null,
          decisionNote: null,
          updatedAt: now,
        });
        proposed.push(issue);
        recordAppealsEvent(
          tx,
          'kz.bakylau.appeal.systemic-issue-proposed.v1',
          issue.id,
          {
            systemicIssueId: issue.id,
            categoryId: issue.categoryId,
            districtId: issue.districtId,
            windowFrom: issue.windowFrom,
            windowTo: issue.windowTo,
            appealCount: issue.appealCount,
            previousCount: issue.previousCount,
            threshold: issue.threshold,
            appealIds,
          },
          actor,
        );
      }
      // The issue row must exist before its evidence (deferred keys are checked at commit anyway).
      await tx.flush();
      if (appealIds.length) {
        await tx.execute(
          `insert into systemic_issue_appeal (systemic_issue_id, appeal_id) values ${appealIds.map(() => '(?, ?)').join(', ')} on conflict do nothing`,
          appealIds.flatMap((id) => [issue.id, id]),
        );
      }
    }
    return proposed;
  });
}

export type DetectInput = { windowDays?: number | null; threshold?: number | null };

/** An analyst or controller runs the detection on demand, optionally with another window or threshold. */
export async function detectSystemicIssues(deps: UseCaseDeps, defaults: SystemicRule, input: DetectInput | null | undefined): Promise<SystemicIssue[]> {
  const principal = requireRole(deps.principal, ...detectRoles);
  const rule: SystemicRule = { threshold: input?.threshold ?? defaults.threshold, windowDays: input?.windowDays ?? defaults.windowDays };
  if (!validRule(rule)) {
    throw badUserInput('The detection rule is out of range', [
      { field: 'threshold', message: 'must be 2..10000' },
      { field: 'windowDays', message: 'must be 1..366' },
    ]);
  }
  return runSystemicDetection(deps.em, deps.now(), rule, actorOf(principal));
}

export type DecideInput = { issueId: string; expectedVersion: number; note?: string | null };

/** A controller or the department head confirms or dismisses a proposal (PROPOSED → CONFIRMED | DISMISSED). */
export async function decideSystemicIssueUseCase(deps: UseCaseDeps, input: DecideInput, decision: SystemicIssueDecision): Promise<SystemicIssue> {
  const principal = requireRole(deps.principal, ...decideRoles);
  if (input.note && input.note.length > 2000) throw badUserInput('The note is too long', [{ field: 'note', message: 'must be at most 2000 characters' }]);
  try {
    return await deps.em.transactional(async (tx) => {
      const issue = isUuid(input.issueId) ? await tx.findOne(SystemicIssue, { id: input.issueId }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
      if (!issue) throw notFound('SystemicIssue', input.issueId);
      if (issue.version !== input.expectedVersion) throw conflict(`The systemic issue was changed by someone else (version ${issue.version}); reload it`);
      const next = decideSystemicIssue(issue.state, decision);
      if (!next) throw conflict(`The systemic issue is already ${issue.state}`);
      const now = deps.now();
      issue.state = next;
      issue.decidedBy = principal.subject;
      issue.decidedRole = principal.role;
      issue.decidedAt = now;
      issue.decisionNote = input.note?.trim() || null;
      issue.updatedAt = now;
      recordAppealsEvent(
        tx,
        next === 'CONFIRMED' ? 'kz.bakylau.appeal.systemic-issue-confirmed.v1' : 'kz.bakylau.appeal.systemic-issue-dismissed.v1',
        issue.id,
        { systemicIssueId: issue.id, categoryId: issue.categoryId, districtId: issue.districtId, appealCount: issue.appealCount, decidedAt: now.toISOString() },
        actorOf(principal),
        deps.trace,
      );
      return issue;
    });
  } catch (error) {
    if (error instanceof OptimisticLockError) throw conflict('The systemic issue was changed by someone else; reload it');
    throw error;
  }
}

export function requireSystemicReader(deps: UseCaseDeps): void {
  requireRole(deps.principal, ...readRoles);
}

export async function findSystemicIssue(deps: UseCaseDeps, id: string): Promise<SystemicIssue | null> {
  requireSystemicReader(deps);
  return isUuid(id) ? deps.em.findOne(SystemicIssue, { id }) : null;
}

/** Issues newest first, optionally in one state. */
export async function listSystemicIssues(
  deps: UseCaseDeps,
  state: SystemicIssueState | null | undefined,
  first: number,
  after?: string | null,
): Promise<Connection<SystemicIssue>> {
  requireSystemicReader(deps);
  const where: Record<string, unknown> = {};
  if (state) where['state'] = state;
  if (after) {
    const [detectedAt, id] = decodeCursor(after, 2);
    const at = new Date(String(detectedAt));
    where['$or'] = [{ detectedAt: { $lt: at } }, { detectedAt: at, id: { $lt: String(id) } }];
  }
  const rows = await deps.em.find(SystemicIssue, where, { orderBy: { detectedAt: 'desc', id: 'desc' }, limit: first + 1 });
  return toConnection(rows, first, (row) => encodeCursor([row.detectedAt.toISOString(), row.id]));
}
