import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { requireRole } from '@bakylau/platform/auth/principal';
import { conflict, forbidden, notFound } from '@bakylau/platform/errors';
import { Appointment, Official, ReceptionPlan, ReceptionSession, ReceptionSlot, SessionParticipant, WaitingListEntry } from '../db/entities.ts';
import { canManageSession, isOwnOfficial, receptionStaff } from '../domain/reception-access.ts';
import { endOfCivilDay, startOfCivilDay } from '@bakylau/platform/civil-time';
import type { ParticipantRole } from '../domain/reception-vocabulary.ts';
import { sessionDraftProblems, type SessionDraft } from '../domain/session-rules.ts';
import { generateSlots, sessionEnd } from '../domain/slot-schedule.ts';
import { recordReceptionEvent } from '../events/reception-events.ts';
import { queueAppointmentNotice } from './appointment-notices.ts';
import { actorOf, idProblems, rejectProblems, type UseCaseContext } from './use-case-context.ts';

export type PublishSessionInput = SessionDraft & {
  officialId: string;
  planId?: string | null;
};

const trimmed = (value: string | null | undefined) => value?.trim() || null;

export function createSessionPublishing(ctx: UseCaseContext) {
  const now = () => ctx.now?.() ?? new Date();

  async function sessionToManage(sessionId: string) {
    const principal = requireRole(ctx.principal, 'official', ...receptionStaff);
    rejectProblems(idProblems({ sessionId }));
    const session = await ctx.em.findOne(ReceptionSession, { id: sessionId });
    if (!session) throw notFound('Reception session', sessionId);
    const official = await ctx.em.findOneOrFail(Official, { id: session.officialId });
    if (!canManageSession(principal, official.subject)) throw forbidden('Only the official of the session or reception staff may change it');
    return { principal, session };
  }

  return {
    /** Publishes a session with its slots (R6.1, R6.3); an off-site plan's sessions must fit its period (R6.4). */
    async publishReceptionSession(input: PublishSessionInput): Promise<ReceptionSession> {
      const principal = requireRole(ctx.principal, 'official', ...receptionStaff);
      rejectProblems([...idProblems({ officialId: input.officialId, planId: input.planId }), ...sessionDraftProblems(input, now())]);
      const official = await ctx.em.findOne(Official, { id: input.officialId });
      if (!official) throw notFound('Official', input.officialId);
      if (principal.role === 'official' && !isOwnOfficial(principal, official.subject)) throw forbidden('An official publishes only their own sessions');
      if (input.planId) {
        const plan = await ctx.em.findOne(ReceptionPlan, { id: input.planId });
        if (!plan) throw notFound('Reception plan', input.planId);
        const problems = [];
        if (plan.organizationId !== official.organizationId) problems.push({ field: 'officialId', message: "must belong to the plan's organization" });
        if (input.format === 'IN_PERSON') problems.push({ field: 'format', message: 'a plan lists off-site or videoconference sessions' });
        if (input.startsAt < startOfCivilDay(plan.periodFrom) || input.startsAt >= endOfCivilDay(plan.periodTo)) {
          problems.push({ field: 'startsAt', message: `must fall within the plan's period ${plan.periodFrom}..${plan.periodTo}` });
        }
        rejectProblems(problems);
      }
      return ctx.em.transactional(async (tx) => {
        const session = tx.create(ReceptionSession, {
          id: crypto.randomUUID(),
          officialId: official.id,
          organizationId: official.organizationId,
          planId: input.planId ?? null,
          startsAt: input.startsAt,
          endsAt: sessionEnd(input.startsAt, input.capacity, input.slotMinutes),
          format: input.format,
          place: trimmed(input.place),
          locality: trimmed(input.locality),
          videoLink: trimmed(input.videoLink),
          remoteParty: trimmed(input.remoteParty),
          capacity: input.capacity,
          slotMinutes: input.slotMinutes,
          state: 'SCHEDULED',
          createdBy: principal.subject,
        });
        for (const slot of generateSlots(input.startsAt, input.capacity, input.slotMinutes)) {
          tx.create(ReceptionSlot, { id: crypto.randomUUID(), sessionId: session.id, ...slot });
        }
        recordReceptionEvent(
          tx,
          'kz.bakylau.reception.session-published.v1',
          session.id,
          {
            sessionId: session.id,
            officialId: official.id,
            organizationId: official.organizationId,
            planId: session.planId ?? null,
            startsAt: session.startsAt.toISOString(),
            endsAt: session.endsAt.toISOString(),
            format: session.format,
            capacity: session.capacity,
            remoteParty: session.remoteParty ?? null,
          },
          actorOf(principal),
          ctx.trace,
        );
        return session;
      });
    },

    /** Adds a participant such as the supervising deputy (R6.2). */
    async addSessionParticipant(sessionId: string, officialId: string, role: ParticipantRole): Promise<ReceptionSession> {
      // The caller's right first: a refused caller learns nothing about the input.
      const { session } = await sessionToManage(sessionId);
      rejectProblems(idProblems({ officialId }));
      if (session.state === 'CANCELLED') throw conflict('The session is cancelled');
      if (session.officialId === officialId) throw conflict('The official of the session already takes part');
      const participant = await ctx.em.findOne(Official, { id: officialId });
      if (!participant) throw notFound('Official', officialId);
      try {
        await ctx.em.transactional(async (tx) => {
          tx.create(SessionParticipant, { id: crypto.randomUUID(), sessionId, officialId, role });
        });
      } catch (error) {
        if (error instanceof UniqueConstraintViolationException) throw conflict('The official already takes part in this session');
        throw error;
      }
      return session;
    },

    /** Calls a session off: its bookings are cancelled and its waiting list closed. */
    async cancelReceptionSession(sessionId: string): Promise<ReceptionSession> {
      const { principal, session } = await sessionToManage(sessionId);
      if (session.state !== 'SCHEDULED') throw conflict(`The session is ${session.state.toLowerCase()}`);
      return ctx.em.transactional(async (tx) => {
        const current = await tx.findOneOrFail(ReceptionSession, { id: sessionId });
        current.state = 'CANCELLED';
        const booked = await tx.find(Appointment, { sessionId, state: 'BOOKED' });
        const slots = new Map((await tx.find(ReceptionSlot, { sessionId })).map((slot) => [slot.id, slot]));
        for (const appointment of booked) {
          appointment.state = 'CANCELLED';
          appointment.cancelledAt = now();
          const eventId = recordReceptionEvent(
            tx,
            'kz.bakylau.reception.appointment-cancelled.v1',
            appointment.id,
            {
              appointmentId: appointment.id,
              sessionId,
              slotId: appointment.slotId,
              officialId: current.officialId,
              organizationId: current.organizationId,
              reason: 'SESSION_CANCELLED',
            },
            actorOf(principal),
            ctx.trace,
          );
          const slotStartsAt = slots.get(appointment.slotId)?.startsAt ?? current.startsAt;
          await queueAppointmentNotice(tx, ctx.notifier, {
            sourceEventId: eventId,
            kind: 'APPOINTMENT_CANCELLED',
            appointment,
            slotStartsAt,
            sessionCancelled: true,
            now: now(),
          });
        }
        for (const entry of await tx.find(WaitingListEntry, { sessionId, state: 'WAITING' })) entry.state = 'WITHDRAWN';
        recordReceptionEvent(
          tx,
          'kz.bakylau.reception.session-cancelled.v1',
          sessionId,
          { sessionId, officialId: current.officialId, organizationId: current.organizationId, cancelledAppointments: booked.length },
          actorOf(principal),
          ctx.trace,
        );
        return current;
      });
    },
  };
}
