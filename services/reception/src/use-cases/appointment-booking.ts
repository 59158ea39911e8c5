import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireRole, type Principal } from '@bakylau/platform/auth/principal';
import type { Actor } from '@bakylau/platform/events/cloud-event';
import { badUserInput, conflict, forbidden, notFound } from '@bakylau/platform/errors';
import { normalizePhone } from '@bakylau/platform/identity/contact';
import { Appointment, Official, ReceptionSession, ReceptionSlot, WaitingListEntry } from '../db/entities.ts';
import { lockFirstWaiting, takenSlotIds, waitingCounts } from '../db/waiting-queue.ts';
import { canCancel, citizenDetailsProblems, maxWaitingList, slotIsBookable, type CitizenDetails } from '../domain/booking-rules.ts';
import { canSeeAppointment, receptionStaff } from '../domain/reception-access.ts';
import type { NotificationLanguage } from '@bakylau/platform/notifications/notification';
import { recordReceptionEvent } from '../events/reception-events.ts';
import { queueAppointmentNotice } from './appointment-notices.ts';
import { actorOf, idProblems, rejectProblems, systemActor, type UseCaseContext } from './use-case-context.ts';

/** `language`: what the citizen's SMS are written in (RU when not given). */
export type BookingInput = CitizenDetails & { slotId: string; citizenSubject?: string | null; language?: NotificationLanguage | null };
export type WaitingInput = CitizenDetails & { sessionId: string; citizenSubject?: string | null; language?: NotificationLanguage | null };

const bookers = ['citizen', ...receptionStaff] as const;

/** A citizen books for themself; staff name the citizen's account if they have one. */
function citizenSubjectFor(principal: Principal, requested: string | null | undefined): string | null {
  if (principal.role !== 'citizen') return requested?.trim() || null;
  if (requested && requested !== principal.subject) throw forbidden('A citizen books only for themself');
  return principal.subject;
}

/** Reads what a booking needs and checks the slot can be offered at all. */
async function openSlot(em: EntityManager, slotId: string, now: Date): Promise<{ slot: ReceptionSlot; session: ReceptionSession; official: Official }> {
  const slot = await em.findOne(ReceptionSlot, { id: slotId });
  if (!slot) throw notFound('Slot', slotId);
  const session = await em.findOneOrFail(ReceptionSession, { id: slot.sessionId });
  if (session.state !== 'SCHEDULED') throw conflict(`The session is ${session.state.toLowerCase()}; it takes no bookings`);
  if (!slotIsBookable(slot.startsAt, now)) throw badUserInput('The slot has already started', [{ field: 'slotId', message: 'has already started' }]);
  const official = await em.findOneOrFail(Official, { id: session.officialId });
  return { slot, session, official };
}

/** The database's verdict on a lost race, as the error the client understands. */
function bookingConflict(error: unknown): never {
  if (error instanceof UniqueConstraintViolationException) {
    if (error.message.includes('appointment_citizen_per_session')) throw conflict('The citizen already holds a booking in this session');
    throw conflict('The slot is already booked');
  }
  if (error instanceof OptimisticLockError) throw conflict('The appointment was changed meanwhile; reload and retry');
  throw error;
}

/** Records `appointment-booked` and returns its event id. */
function bookedEvent(tx: EntityManager, appointment: Appointment, session: ReceptionSession, slot: ReceptionSlot, actor: Actor, ctx: UseCaseContext): string {
  return recordReceptionEvent(
    tx,
    'kz.bakylau.reception.appointment-booked.v1',
    appointment.id,
    {
      appointmentId: appointment.id,
      sessionId: session.id,
      slotId: slot.id,
      officialId: session.officialId,
      organizationId: session.organizationId,
      citizenSubject: appointment.citizenSubject ?? null,
      fromWaitingList: appointment.fromWaitingList,
      slotStartsAt: slot.startsAt.toISOString(),
    },
    actor,
    ctx.trace,
  );
}

/**
 * Gives a freed slot to the first citizen waiting for its session, in the same transaction as
 * the cancellation that freed it. Call after the cancellation is flushed: the new booking's
 * insert must see the slot already free.
 */
export async function promoteFromWaitingList(
  tx: EntityManager,
  session: ReceptionSession,
  slot: ReceptionSlot,
  now: Date,
  ctx: UseCaseContext,
): Promise<Appointment | null> {
  if (session.state !== 'SCHEDULED' || !slotIsBookable(slot.startsAt, now)) return null;
  const entryId = await lockFirstWaiting(tx, session.id);
  if (!entryId) return null;
  const entry = await tx.findOneOrFail(WaitingListEntry, { id: entryId });
  const appointment = tx.create(Appointment, {
    id: crypto.randomUUID(),
    sessionId: session.id,
    slotId: slot.id,
    citizenSubject: entry.citizenSubject,
    citizenName: entry.citizenName,
    citizenPhone: entry.citizenPhone,
    citizenLanguage: entry.citizenLanguage,
    topic: entry.topic,
    state: 'BOOKED',
    fromWaitingList: true,
    bookedBySubject: systemActor.subject,
    bookedByRole: systemActor.role,
    outcomes: [],
  });
  entry.state = 'PROMOTED';
  entry.appointmentId = appointment.id;
  const eventId = bookedEvent(tx, appointment, session, slot, systemActor, ctx);
  await queueAppointmentNotice(tx, ctx.notifier, { sourceEventId: eventId, kind: 'APPOINTMENT_BOOKED', appointment, slotStartsAt: slot.startsAt, now });
  return appointment;
}

export function createAppointmentBooking(ctx: UseCaseContext) {
  const now = () => ctx.now?.() ?? new Date();

  /** Loads an appointment the caller may change: its citizen, the session's official, or staff. */
  async function appointmentToChange(principal: Principal, id: string) {
    const appointment = await ctx.em.findOne(Appointment, { id });
    if (!appointment) throw notFound('Appointment', id);
    const session = await ctx.em.findOneOrFail(ReceptionSession, { id: appointment.sessionId });
    const official = await ctx.em.findOneOrFail(Official, { id: session.officialId });
    if (!canSeeAppointment(principal, appointment.citizenSubject, official.subject)) throw forbidden('You may not change this appointment');
    return { appointment, session };
  }

  /** Inside a booking transaction: cancels the live appointment `id` (re-read, so a concurrent change is seen) and records why. */
  async function cancelInside(tx: EntityManager, id: string, session: ReceptionSession, principal: Principal, reason: 'CANCELLED' | 'REBOOKED') {
    const current = await tx.findOneOrFail(Appointment, { id });
    if (!canCancel(current.state)) throw conflict(`The appointment is ${current.state.toLowerCase()}`);
    current.state = 'CANCELLED';
    current.cancelledAt = now();
    const slot = await tx.findOneOrFail(ReceptionSlot, { id: current.slotId });
    const eventId = recordReceptionEvent(
      tx,
      'kz.bakylau.reception.appointment-cancelled.v1',
      current.id,
      { appointmentId: current.id, sessionId: session.id, slotId: slot.id, officialId: session.officialId, organizationId: session.organizationId, reason },
      actorOf(principal),
      ctx.trace,
    );
    // A move is told once, as a change of the new appointment.
    if (reason === 'CANCELLED')
      await queueAppointmentNotice(tx, ctx.notifier, {
        sourceEventId: eventId,
        kind: 'APPOINTMENT_CANCELLED',
        appointment: current,
        slotStartsAt: slot.startsAt,
        now: now(),
      });
    await tx.flush();
    return { current, slot };
  }

  return {
    /**
     * Books a slot. No "is it free?" read precedes the insert: the partial unique index decides,
     * so of any number of concurrent requests exactly one wins and the rest get CONFLICT.
     */
    async bookAppointment(input: BookingInput): Promise<Appointment> {
      const principal = requireRole(ctx.principal, ...bookers);
      const citizenSubject = citizenSubjectFor(principal, input.citizenSubject);
      rejectProblems([...idProblems({ slotId: input.slotId }), ...citizenDetailsProblems(input)]);
      const { slot, session } = await openSlot(ctx.em, input.slotId, now());
      try {
        return await ctx.em.transactional(async (tx) => {
          const appointment = tx.create(Appointment, {
            id: crypto.randomUUID(),
            sessionId: session.id,
            slotId: slot.id,
            citizenSubject,
            citizenName: input.citizenName.trim(),
            citizenPhone: normalizePhone(input.citizenPhone),
            citizenLanguage: input.language ?? 'RU',
            topic: input.topic.trim(),
            state: 'BOOKED',
            fromWaitingList: false,
            bookedBySubject: principal.subject,
            bookedByRole: principal.role,
            outcomes: [],
          });
          const eventId = bookedEvent(tx, appointment, session, slot, actorOf(principal), ctx);
          await queueAppointmentNotice(tx, ctx.notifier, {
            sourceEventId: eventId,
            kind: 'APPOINTMENT_BOOKED',
            appointment,
            slotStartsAt: slot.startsAt,
            now: now(),
          });
          return appointment;
        });
      } catch (error) {
        bookingConflict(error);
      }
    },

    /** Cancels a live booking; the slot goes to the first waiting citizen, or becomes free. */
    async cancelAppointment(id: string): Promise<Appointment> {
      const principal = requireRole(ctx.principal, ...bookers, 'official');
      rejectProblems(idProblems({ id }));
      const { appointment, session } = await appointmentToChange(principal, id);
      if (!canCancel(appointment.state)) throw conflict(`The appointment is ${appointment.state.toLowerCase()}; only a booked one can be cancelled`);
      try {
        return await ctx.em.transactional(async (tx) => {
          const { current, slot } = await cancelInside(tx, id, session, principal, 'CANCELLED');
          await promoteFromWaitingList(tx, session, slot, now(), ctx);
          return current;
        });
      } catch (error) {
        bookingConflict(error);
      }
    },

    /** Moves a booking to another slot in one transaction: if the new slot is taken, nothing changes. */
    async rebookAppointment(id: string, slotId: string): Promise<Appointment> {
      const principal = requireRole(ctx.principal, ...bookers, 'official');
      rejectProblems(idProblems({ id, slotId }));
      const { appointment, session: oldSession } = await appointmentToChange(principal, id);
      if (!canCancel(appointment.state)) throw conflict(`The appointment is ${appointment.state.toLowerCase()}; only a booked one can be moved`);
      if (appointment.slotId === slotId) throw badUserInput('The appointment already holds this slot', [{ field: 'slotId', message: 'is the current slot' }]);
      const target = await openSlot(ctx.em, slotId, now());
      try {
        return await ctx.em.transactional(async (tx) => {
          const { current, slot: oldSlot } = await cancelInside(tx, id, oldSession, principal, 'REBOOKED');
          const moved = tx.create(Appointment, {
            id: crypto.randomUUID(),
            sessionId: target.session.id,
            slotId: target.slot.id,
            citizenSubject: current.citizenSubject,
            citizenName: current.citizenName,
            citizenPhone: current.citizenPhone,
            citizenLanguage: current.citizenLanguage,
            topic: current.topic,
            state: 'BOOKED',
            fromWaitingList: false,
            bookedBySubject: principal.subject,
            bookedByRole: principal.role,
            outcomes: [],
          });
          const eventId = bookedEvent(tx, moved, target.session, target.slot, actorOf(principal), ctx);
          await queueAppointmentNotice(tx, ctx.notifier, {
            sourceEventId: eventId,
            kind: 'APPOINTMENT_CHANGED',
            appointment: moved,
            slotStartsAt: target.slot.startsAt,
            now: now(),
          });
          await tx.flush();
          await promoteFromWaitingList(tx, oldSession, oldSlot, now(), ctx);
          return moved;
        });
      } catch (error) {
        bookingConflict(error);
      }
    },

    /** Puts a citizen in line for a full session; the next freed slot is theirs. */
    async joinWaitingList(input: WaitingInput): Promise<WaitingListEntry> {
      const principal = requireRole(ctx.principal, ...bookers);
      const citizenSubject = citizenSubjectFor(principal, input.citizenSubject);
      rejectProblems([...idProblems({ sessionId: input.sessionId }), ...citizenDetailsProblems(input)]);
      const session = await ctx.em.findOne(ReceptionSession, { id: input.sessionId });
      if (!session) throw notFound('Reception session', input.sessionId);
      if (session.state !== 'SCHEDULED' || session.endsAt.getTime() <= now().getTime()) throw conflict('The session takes no more citizens');
      const slots = await ctx.em.find(ReceptionSlot, { sessionId: session.id });
      const taken = (await takenSlotIds(ctx.em, [session.id])).get(session.id) ?? new Set<string>();
      if (slots.some((slot) => !taken.has(slot.id) && slotIsBookable(slot.startsAt, now()))) {
        throw badUserInput('The session still has free slots; book one instead', [{ field: 'sessionId', message: 'has free slots' }]);
      }
      if (((await waitingCounts(ctx.em, [session.id])).get(session.id) ?? 0) >= maxWaitingList) throw conflict('The waiting list is full');
      if (citizenSubject) {
        const already = await ctx.em.count(WaitingListEntry, { sessionId: session.id, citizenSubject, state: 'WAITING' });
        const booked = await ctx.em.count(Appointment, { sessionId: session.id, citizenSubject, state: 'BOOKED' });
        if (already > 0 || booked > 0) throw conflict('The citizen is already booked or waiting for this session');
      }
      return ctx.em.transactional(async (tx) => {
        const entry = tx.create(WaitingListEntry, {
          id: crypto.randomUUID(),
          sessionId: session.id,
          citizenSubject,
          citizenName: input.citizenName.trim(),
          citizenPhone: normalizePhone(input.citizenPhone),
          citizenLanguage: input.language ?? 'RU',
          topic: input.topic.trim(),
          state: 'WAITING',
        });
        recordReceptionEvent(
          tx,
          'kz.bakylau.reception.waiting-list-joined.v1',
          session.id,
          { waitingListEntryId: entry.id, sessionId: session.id, organizationId: session.organizationId, citizenSubject },
          actorOf(principal),
          ctx.trace,
        );
        return entry;
      });
    },
  };
}
