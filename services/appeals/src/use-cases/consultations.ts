import { requireRole } from '@bakylau/platform/auth/principal';
import { badUserInput, type FieldProblem } from '@bakylau/platform/errors';
import type { AppealChannel } from '../domain/appeal-kinds.ts';
import { decodeCursor, encodeCursor, toConnection, type Connection } from '@bakylau/platform/graphql/connection';
import { Consultation } from '../db/entities.ts';
import { referenceProblems } from './appeal-input.ts';
import { isUuid } from '@bakylau/platform/ids';
import { newId, type UseCaseDeps } from './use-case-deps.ts';

/** A registrar records a consultation given without opening an appeal (R5.8). */
export async function recordConsultation(
  deps: UseCaseDeps,
  input: { topic: string; answer: string; channel: AppealChannel; categoryId?: string | null; recipientName?: string | null },
): Promise<Consultation> {
  const principal = requireRole(deps.principal, 'registrar', 'department_head');
  return deps.em.transactional(async (tx) => {
    const problems: FieldProblem[] = [];
    if (!input.topic.trim()) problems.push({ field: 'topic', message: 'is required' });
    if (!input.answer.trim()) problems.push({ field: 'answer', message: 'is required' });
    problems.push(...(await referenceProblems(tx, [{ field: 'categoryId', id: input.categoryId, entity: 'category' }])));
    if (problems.length) throw badUserInput('The consultation is invalid', problems);
    return tx.create(Consultation, {
      id: newId(),
      topic: input.topic.trim(),
      answer: input.answer,
      channel: input.channel,
      categoryId: input.categoryId ?? null,
      recipientName: input.recipientName ?? null,
      givenBy: principal.subject,
      givenAt: deps.now(),
    });
  });
}

const consultationReaders = ['registrar', 'controller', 'department_head', 'analyst', 'admin'] as const;

export async function findConsultation(deps: UseCaseDeps, id: string): Promise<Consultation | null> {
  requireRole(deps.principal, ...consultationReaders);
  return isUuid(id) ? deps.em.findOne(Consultation, { id }) : null;
}

export async function listConsultations(deps: UseCaseDeps, first: number, after?: string | null): Promise<Connection<Consultation>> {
  requireRole(deps.principal, ...consultationReaders);
  const where: Record<string, unknown> = {};
  if (after) {
    const [givenAt, id] = decodeCursor(after, 2);
    where['$or'] = [{ givenAt: { $lt: new Date(String(givenAt)) } }, { givenAt: new Date(String(givenAt)), id: { $lt: String(id) } }];
  }
  const rows = await deps.em.find(Consultation, where, { orderBy: { givenAt: 'desc', id: 'desc' }, limit: first + 1 });
  return toConnection(rows, first, (row) => encodeCursor([row.givenAt.toISOString(), row.id]));
}
