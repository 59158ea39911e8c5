import type { FilterQuery } from '@mikro-orm/core';
import { requireRole, type Principal } from '@bakylau/platform/auth/principal';
import { badUserInput, forbidden } from '@bakylau/platform/errors';
import { Appointment, Official, ReceptionPlan, ReceptionSession, ReceptionSlot, WaitingListEntry } from '../db/entities.ts';
import type { IndicatorCounts } from '../db/indicator-counts.ts';
import { afterCondition, pageArgs, toConnection, type Connection } from '../db/pagination.ts';
import { maxWaitingList, slotIsBookable } from '../domain/booking-rules.ts';
import {
  canManageSession,
  canSeeAppointment,
  receptionStaff,
  canSeeVisitOfAppeal,
  canSeeVisitOfInstructions,
  indicatorReaders,
} from '../domain/reception-access.ts';
import { civilPeriodInstants } from '@bakylau/platform/civil-time';
import { periodProblems } from '../domain/reception-period.ts';
import type { AppointmentState, ReceptionFormat } from '../domain/reception-vocabulary.ts';
import { idProblems, rejectProblems, type UseCaseContext } from './use-case-context.ts';
import { isUuid } from '@bakylau/platform/ids';

export type PageInput = { first?: number | null; after?: string | null };
export type SessionFilter = {
  officialId?: string | null;
  organizationId?: string | null;
  from?: string | null;
  to?: string | null;
  format?: ReceptionFormat | null;
};
export type AppointmentFilter = { sessionId?: string | null; state?: AppointmentState | null };
export type Indicators = IndicatorCounts & { followUps: number };

const withFollowUps = (counts: IndicatorCounts): Indicators => ({ ...counts, followUps: counts.appealsRequested + counts.instructionsGiven });

/** Reads, with the access rules of DOMAIN.md applied before any row leaves. */
export function createReceptionQueries(ctx: UseCaseContext) {
  const now = () => ctx.now?.() ?? new Date();
  const { em, loaders } = ctx;

  async function officialSubjectOfSession(sessionId: string): Promise<string | null | undefined> {
    const session = await loaders.sessionById.load(sessionId);
    if (!session) return null;
    return (await loaders.officialById.load(session.officialId))?.subject ?? null;
  }

  /** Whether the caller may open this appointment (citizen: own; official: own sessions; staff). */
  async function mayOpen(principal: Principal, appointment: Appointment): Promise<boolean> {
    return canSeeAppointment(principal, appointment.citizenSubject, await officialSubjectOfSession(appointment.sessionId));
  }

  /** The appointment, when the caller may open it or it is the visit behind instructions they work on (`canSeeVisitOfInstructions`). */
  async function readable(principal: Principal | null, id: string): Promise<Appointment | null> {
    const appointment = await loaders.appointmentById.load(id);
    if (!appointment || !principal) return null;
    if (await mayOpen(principal, appointment)) return appointment;
    const instructed = (await loaders.instructionsByAppointment.load(id)).map((instruction) => instruction.executorOrganizationId);
    return canSeeVisitOfInstructions(principal, instructed) ? appointment : null;
  }

  return {
    /** The visit an appeal was registered from, for a caller the appeals subgraph let read the appeal. */
    async visitOfAppeal(principal: Principal | null, appealId: string): Promise<Appointment | null> {
      const appointment = await loaders.appointmentByAppealId.load(appealId);
      if (!appointment || !principal) return null;
      return canSeeVisitOfAppeal(principal) || (await mayOpen(principal, appointment)) ? appointment : null;
    },

    /** An appointment referred to from another subgraph (an instruction's basis): null when the caller may not see it. */
    referencedAppointment: readable,

    async official(id: string): Promise<Official | null> {
      requireRole(ctx.principal);
      return loaders.officialById.load(id);
    },

    async officials(organizationId: string | null | undefined, page: PageInput): Promise<Connection<Official>> {
      requireRole(ctx.principal);
      rejectProblems(idProblems({ organizationId }));
      const { limit, after } = pageArgs(page.first, page.after);
      const where = { ...(organizationId ? { organizationId } : {}), ...afterCondition('fullName', 'asc', after, false) } as FilterQuery<Official>;
      const rows = await em.find(Official, where, { orderBy: { fullName: 'asc', id: 'asc' }, limit: limit + 1 });
      return toConnection(rows, limit, (row) => row.fullName);
    },

    async receptionSession(id: string): Promise<ReceptionSession | null> {
      requireRole(ctx.principal);
      return loaders.sessionById.load(id);
    },

    async receptionSessions(filter: SessionFilter | null | undefined, page: PageInput): Promise<Connection<ReceptionSession>> {
      requireRole(ctx.principal);
      const f = filter ?? {};
      rejectProblems([...idProblems({ officialId: f.officialId, organizationId: f.organizationId }), ...(f.from && f.to ? periodProblems(f.from, f.to) : [])]);
      const { limit, after } = pageArgs(page.first, page.after);
      const startsAt: Record<string, Date> = {};
      if (f.from) startsAt['$gte'] = civilPeriodInstants(f.from, f.from).start;
      if (f.to) startsAt['$lt'] = civilPeriodInstants(f.to, f.to).end;
      const where = {
        ...(f.officialId ? { officialId: f.officialId } : {}),
        ...(f.organizationId ? { organizationId: f.organizationId } : {}),
        ...(f.format ? { format: f.format } : {}),
        ...(Object.keys(startsAt).length ? { startsAt } : {}),
        ...afterCondition('startsAt', 'asc', after, true),
      } as FilterQuery<ReceptionSession>;
      const rows = await em.find(ReceptionSession, where, { orderBy: { startsAt: 'asc', id: 'asc' }, limit: limit + 1 });
      return toConnection(rows, limit, (row) => row.startsAt.toISOString());
    },

    /**
     * A page of one official's or one plan's sessions in start order, for a nested list: a page of
     * N parents shares one query through the loader.
     */
    async sessionsOf(parent: 'official' | 'plan', parentId: string, page: PageInput): Promise<Connection<ReceptionSession>> {
      requireRole(ctx.principal);
      const { limit, after } = pageArgs(page.first, page.after);
      if (after && (Number.isNaN(new Date(after.value).getTime()) || !isUuid(after.id))) {
        throw badUserInput('after is not a cursor of this list', [{ field: 'after', message: 'is not a valid cursor' }]);
      }
      const rows = await loaders.sessionPage.load({ parent: parent === 'official' ? 'official_id' : 'plan_id', parentId, limit: limit + 1, after });
      return toConnection(rows, limit, (row) => row.startsAt.toISOString());
    },

    /** Free slots: not held by a live booking and not yet started. */
    async freeSlots(sessionId: string): Promise<ReceptionSlot[]> {
      requireRole(ctx.principal);
      rejectProblems(idProblems({ sessionId }));
      const session = await loaders.sessionById.load(sessionId);
      if (!session || session.state !== 'SCHEDULED') return [];
      const [slots, taken] = await Promise.all([loaders.slotsBySession.load(sessionId), loaders.takenSlotsBySession.load(sessionId)]);
      return slots.filter((slot) => !taken.has(slot.id) && slotIsBookable(slot.startsAt, now()));
    },

    async appointment(id: string): Promise<Appointment | null> {
      const principal = requireRole(ctx.principal);
      if (!(await loaders.appointmentById.load(id))) return null;
      const appointment = await readable(principal, id);
      if (!appointment) throw forbidden('You may not see this appointment');
      return appointment;
    },

    /** A citizen gets only their own; an official only their sessions'; reception staff all. */
    async appointments(filter: AppointmentFilter | null | undefined, page: PageInput): Promise<Connection<Appointment>> {
      const principal = requireRole(ctx.principal, 'citizen', 'official', ...receptionStaff);
      const f = filter ?? {};
      rejectProblems(idProblems({ sessionId: f.sessionId }));
      const { limit, after } = pageArgs(page.first, page.after);
      const scope: Record<string, unknown> = {};
      if (principal.role === 'citizen') scope['citizenSubject'] = principal.subject;
      if (principal.role === 'official') {
        const own = await em.find(Official, { subject: principal.subject }, { fields: ['id'] });
        const sessions = own.length ? await em.find(ReceptionSession, { officialId: { $in: own.map((o) => o.id) } }, { fields: ['id'] }) : [];
        scope['sessionId'] = { $in: sessions.map((s) => s.id) };
      }
      const where = {
        $and: [scope, f.sessionId ? { sessionId: f.sessionId } : {}, f.state ? { state: f.state } : {}, afterCondition('bookedAt', 'desc', after, true)],
      } as FilterQuery<Appointment>;
      const rows = await em.find(Appointment, where, { orderBy: { bookedAt: 'desc', id: 'desc' }, limit: limit + 1 });
      return toConnection(rows, limit, (row) => row.bookedAt.toISOString());
    },

    /** The caller's own appointments (citizen), newest booking first: session time, official and place come through `session`. */
    async myAppointments(page: PageInput): Promise<Connection<Appointment>> {
      const principal = requireRole(ctx.principal, 'citizen');
      const { limit, after } = pageArgs(page.first, page.after);
      const where = { $and: [{ citizenSubject: principal.subject }, afterCondition('bookedAt', 'desc', after, true)] } as FilterQuery<Appointment>;
      const rows = await em.find(Appointment, where, { orderBy: { bookedAt: 'desc', id: 'desc' }, limit: limit + 1 });
      return toConnection(rows, limit, (row) => row.bookedAt.toISOString());
    },

    async waitingList(sessionId: string): Promise<WaitingListEntry[]> {
      const principal = requireRole(ctx.principal, 'official', 'registrar', 'department_head', 'admin');
      rejectProblems(idProblems({ sessionId }));
      if (!canManageSession(principal, await officialSubjectOfSession(sessionId)))
        throw forbidden('Only the official of the session or reception staff see its waiting list');
      return em.find(WaitingListEntry, { sessionId, state: 'WAITING' }, { orderBy: { joinedAt: 'asc', id: 'asc' }, limit: maxWaitingList });
    },

    async receptionPlans(districtId: string | null | undefined, page: PageInput): Promise<Connection<ReceptionPlan>> {
      requireRole(ctx.principal, ...indicatorReaders);
      rejectProblems(idProblems({ districtId }));
      const { limit, after } = pageArgs(page.first, page.after);
      const where = { ...(districtId ? { districtId } : {}), ...afterCondition('periodFrom', 'desc', after, false) } as FilterQuery<ReceptionPlan>;
      const rows = await em.find(ReceptionPlan, where, { orderBy: { periodFrom: 'desc', id: 'desc' }, limit: limit + 1 });
      return toConnection(rows, limit, (row) => row.periodFrom);
    },

    async organizationIndicators(organizationId: string, from: string, to: string): Promise<Indicators> {
      requireRole(ctx.principal, ...indicatorReaders);
      rejectProblems(periodProblems(from, to));
      return withFollowUps(await loaders.indicatorsByOrganizationPeriod.load(`${organizationId}|${from}|${to}`));
    },

    async planResults(planId: string): Promise<Indicators> {
      requireRole(ctx.principal, ...indicatorReaders);
      return withFollowUps(await loaders.indicatorsByPlan.load(planId));
    },
  };
}
