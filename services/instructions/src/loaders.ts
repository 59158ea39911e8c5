import DataLoader from 'dataloader';
import { loaderById, loaderOfGroups } from '@bakylau/platform/db/loaders';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Conclusion, DisciplinaryProposal, ExecutionReport, Inspection, Instruction, InstructionExecutor, InstructionExtension } from './db/entities.ts';
import { loadDisciplineAssignments, type DisciplineKey } from './db/discipline-queries.ts';
import type { DisciplineAssignment } from './domain/execution-discipline.ts';

/** Per-request loaders: one SQL query per kind of read for a whole page of parents. */
export function createInstructionLoaders(em: EntityManager) {
  return {
    instructionById: loaderById((ids) => em.find(Instruction, { id: { $in: ids } })),
    reportById: loaderById((ids) => em.find(ExecutionReport, { id: { $in: ids } })),
    inspectionById: loaderById((ids) => em.find(Inspection, { id: { $in: ids } })),
    proposalById: loaderById((ids) => em.find(DisciplinaryProposal, { id: { $in: ids } })),
    conclusionById: loaderById((ids) => em.find(Conclusion, { id: { $in: ids } })),
    executorsByInstruction: loaderOfGroups(
      (ids) => em.find(InstructionExecutor, { instructionId: { $in: ids } }, { orderBy: { dueDate: 'asc', organizationId: 'asc' } }),
      (row) => row.instructionId,
    ),
    extensionsByInstruction: loaderOfGroups(
      (ids) => em.find(InstructionExtension, { instructionId: { $in: ids } }, { orderBy: { decidedAt: 'asc', id: 'asc' } }),
      (row) => row.instructionId,
    ),
    reportsByInstruction: loaderOfGroups(
      (ids) => em.find(ExecutionReport, { instructionId: { $in: ids } }, { orderBy: { submittedAt: 'asc', id: 'asc' } }),
      (row) => row.instructionId,
    ),
    inspectionsByInstruction: loaderOfGroups(
      (ids) => em.find(Inspection, { instructionId: { $in: ids } }, { orderBy: { date: 'asc', id: 'asc' } }),
      (row) => row.instructionId,
    ),
    proposalsByInstruction: loaderOfGroups(
      (ids) => em.find(DisciplinaryProposal, { instructionId: { $in: ids } }, { orderBy: { proposedAt: 'asc', id: 'asc' } }),
      (row) => row.instructionId,
    ),
    conclusionByInstruction: new DataLoader<string, Conclusion | null>(async (ids) => {
      // One conclusion per instruction (unique index).
      const rows = await em.find(Conclusion, { instructionId: { $in: [...ids] } });
      const byInstruction = new Map(rows.map((row) => [row.instructionId, row]));
      return ids.map((id) => byInstruction.get(id) ?? null);
    }),
    instructionsByAppeal: loaderOfGroups(
      (appealIds) => em.find(Instruction, { basisAppealIds: { $overlap: appealIds } }, { orderBy: { issuedAt: 'desc', id: 'desc' } }),
      (row) => row.basisAppealIds,
    ),
    instructionsByAppointment: loaderOfGroups(
      (appointmentIds) => em.find(Instruction, { basisAppointmentId: { $in: appointmentIds } }, { orderBy: { issuedAt: 'desc', id: 'desc' } }),
      (row) => row.basisAppointmentId ?? null,
    ),
    disciplineAssignments: new DataLoader<DisciplineKey, DisciplineAssignment[], string>((keys) => loadDisciplineAssignments(em, keys), {
      cacheKeyFn: (key) => `${key.organizationId}|${key.from}|${key.to}`,
    }),
  };
}

export type InstructionLoaders = ReturnType<typeof createInstructionLoaders>;
