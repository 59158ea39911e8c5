import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { requireRole } from '@bakylau/platform/auth/principal';
import { conflict, type FieldProblem } from '@bakylau/platform/errors';
import { Official, ReceptionPlan } from '../db/entities.ts';
import { periodProblems } from '../domain/reception-period.ts';
import type { OfficialPosition } from '../domain/reception-vocabulary.ts';
import { idProblems, rejectProblems, type UseCaseContext } from './use-case-context.ts';

export type CreateOfficialInput = {
  fullName: string;
  position: OfficialPosition;
  title: string;
  organizationId: string;
  districtId?: string | null;
  subject?: string | null;
};

export type CreatePlanInput = { districtId: string; organizationId: string; title: string; periodFrom: string; periodTo: string };

function required(fields: Record<string, string>): FieldProblem[] {
  return Object.entries(fields)
    .filter(([, value]) => value.trim() === '')
    .map(([field]) => ({ field, message: 'is required' }));
}

/** The directory of receiving officials and the district off-site plans (R6.1, R6.4). */
export function createReceptionDirectory(ctx: UseCaseContext) {
  return {
    async createOfficial(input: CreateOfficialInput): Promise<Official> {
      requireRole(ctx.principal, 'department_head', 'admin');
      rejectProblems([
        ...required({ fullName: input.fullName, title: input.title }),
        ...idProblems({ organizationId: input.organizationId, districtId: input.districtId }),
      ]);
      try {
        return await ctx.em.transactional(async (tx) =>
          tx.create(Official, {
            id: crypto.randomUUID(),
            subject: input.subject?.trim() || null,
            fullName: input.fullName.trim(),
            position: input.position,
            title: input.title.trim(),
            organizationId: input.organizationId,
            districtId: input.districtId ?? null,
          }),
        );
      } catch (error) {
        if (error instanceof UniqueConstraintViolationException) throw conflict('Another official already has this account subject');
        throw error;
      }
    },

    async createReceptionPlan(input: CreatePlanInput): Promise<ReceptionPlan> {
      const principal = requireRole(ctx.principal, 'registrar', 'department_head', 'admin');
      rejectProblems([
        ...required({ title: input.title }),
        ...idProblems({ districtId: input.districtId, organizationId: input.organizationId }),
        ...periodProblems(input.periodFrom, input.periodTo, ['periodFrom', 'periodTo']),
      ]);
      return ctx.em.transactional(async (tx) =>
        tx.create(ReceptionPlan, {
          id: crypto.randomUUID(),
          districtId: input.districtId,
          organizationId: input.organizationId,
          title: input.title.trim(),
          periodFrom: input.periodFrom,
          periodTo: input.periodTo,
          createdBy: principal.subject,
        }),
      );
    },
  };
}
