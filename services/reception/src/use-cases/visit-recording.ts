import { OptimisticLockError } from '@mikro-orm/core';
import { requireRole } from '@bakylau/platform/auth/principal';
import { civilDateInKazakhstan } from '@bakylau/platform/calendar/index';
import { conflict, forbidden, notFound } from '@bakylau/platform/errors';
import { sealText } from '@bakylau/platform/events/sealed-text';
import { Appointment, Official, ReceptionSession, VisitInstruction } from '../db/entities.ts';
import { canManageSession, receptionStaff } from '../domain/reception-access.ts';
import type { VisitOutcome } from '../domain/reception-vocabulary.ts';
import { canRecordVisit, primaryOutcome, visitRecordProblems, type VisitRecordDraft } from '../domain/visit-outcome.ts';
import { recordReceptionEvent } from '../events/reception-events.ts';
import { actorOf, idProblems, rejectProblems, type UseCaseContext } from './use-case-context.ts';

export type RecordVisitInput = VisitRecordDraft & { appointmentId: string; outcomes: VisitOutcome[] };

const recorders = ['official', ...receptionStaff] as const;

export function createVisitRecording(ctx: UseCaseContext) {
  const now = () => ctx.now?.() ?? new Date();

  /** The appointment with its session, if the caller is the session's official or reception staff. */
  async function appointmentOfOwnSession(appointmentId: string) {
    const principal = requireRole(ctx.principal, ...recorders);
    const appointment = await ctx.em.findOne(Appointment, { id: appointmentId });
    if (!appointment) throw notFound('Appointment', appointmentId);
    const session = await ctx.em.findOneOrFail(ReceptionSession, { id: appointment.sessionId });
    const official = await ctx.em.findOneOrFail(Official, { id: session.officialId });
    if (!canManageSession(principal, official.subject)) throw forbidden('Only the official of the session or reception staff may record the visit');
    if (!canRecordVisit(appointment.state))
      throw conflict(`The appointment is ${appointment.state.toLowerCase()}; a visit is recorded once, for a booked appointment`);
    return { principal, session, official };
  }

  return {
    /**
     * Records how a visit ended (R6.1). Each follow-up leaves as an event in the same
     * transaction: an appeal to register (appeals registers it, channel PERSONAL_RECEPTION) and
     * each instruction (instructions puts it under control).
     */
    async recordVisit(input: RecordVisitInput): Promise<Appointment> {
      requireRole(ctx.principal, ...recorders);
      rejectProblems([...idProblems({ appointmentId: input.appointmentId }), ...visitRecordProblems(input, civilDateInKazakhstan(now()))]);
      const { principal, session, official } = await appointmentOfOwnSession(input.appointmentId);
      const actor = actorOf(principal);
      try {
        return await ctx.em.transactional(async (tx) => {
          const appointment = await tx.findOneOrFail(Appointment, { id: input.appointmentId });
          if (!canRecordVisit(appointment.state)) throw conflict(`The appointment is ${appointment.state.toLowerCase()}`);
          const at = now();
          appointment.state = 'ATTENDED';
          appointment.outcomes = [...input.outcomes];
          appointment.visitRecordedAt = at;
          appointment.referredTo = input.outcomes.includes('REFERRED') ? (input.referredTo?.trim() ?? null) : null;
          const current = await tx.findOneOrFail(ReceptionSession, { id: session.id });
          if (current.state === 'SCHEDULED') current.state = 'HELD';
          const base = { appointmentId: appointment.id, officialId: session.officialId, organizationId: session.organizationId };
          recordReceptionEvent(
            tx,
            'kz.bakylau.reception.visit-recorded.v1',
            appointment.id,
            { ...base, sessionId: session.id, outcome: primaryOutcome(input.outcomes), outcomes: [...input.outcomes] },
            actor,
            ctx.trace,
          );
          if (input.outcomes.includes('APPEAL_TO_REGISTER') && input.appeal) {
            appointment.appealRequestedAt = at;
            recordReceptionEvent(
              tx,
              'kz.bakylau.reception.appeal-requested.v2',
              appointment.id,
              {
                ...base,
                officialSubject: official.subject ?? null,
                citizenSubject: appointment.citizenSubject ?? null,
                sealedSummary: sealText(input.appeal.summary.trim(), ctx.sealingKeys),
                categoryId: input.appeal.categoryId ?? null,
                districtId: input.appeal.districtId ?? null,
              },
              actor,
              ctx.trace,
            );
          }
          if (input.outcomes.includes('INSTRUCTIONS_GIVEN')) {
            for (const draft of input.instructions ?? []) {
              const instruction = tx.create(VisitInstruction, {
                id: crypto.randomUUID(),
                appointmentId: appointment.id,
                text: draft.text.trim(),
                executorOrganizationId: draft.executorOrganizationId,
                dueDate: draft.dueDate,
              });
              recordReceptionEvent(
                tx,
                'kz.bakylau.reception.instruction-given.v2',
                appointment.id,
                {
                  ...base,
                  visitInstructionId: instruction.id,
                  executorOrganizationId: instruction.executorOrganizationId,
                  sealedText: sealText(instruction.text, ctx.sealingKeys),
                  dueDate: instruction.dueDate,
                },
                actor,
                ctx.trace,
              );
            }
          }
          return appointment;
        });
      } catch (error) {
        if (error instanceof OptimisticLockError) throw conflict('The appointment was changed meanwhile; reload and retry');
        throw error;
      }
    },

    /** Records that the citizen did not come (counted in R6.6). */
    async markNoShow(appointmentId: string): Promise<Appointment> {
      requireRole(ctx.principal, ...recorders);
      rejectProblems(idProblems({ appointmentId }));
      const { principal, session } = await appointmentOfOwnSession(appointmentId);
      return ctx.em.transactional(async (tx) => {
        const appointment = await tx.findOneOrFail(Appointment, { id: appointmentId });
        if (!canRecordVisit(appointment.state)) throw conflict(`The appointment is ${appointment.state.toLowerCase()}`);
        appointment.state = 'NO_SHOW';
        recordReceptionEvent(
          tx,
          'kz.bakylau.reception.no-show-recorded.v1',
          appointment.id,
          { appointmentId, sessionId: session.id, officialId: session.officialId, organizationId: session.organizationId },
          actorOf(principal),
          ctx.trace,
        );
        return appointment;
      });
    },
  };
}
