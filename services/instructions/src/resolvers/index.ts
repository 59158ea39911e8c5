import type { Resolvers } from '../generated/graphql.ts';
import { InstructionExecutor, InstructionExtension, InstructionIssuer, Instruction } from './instruction.ts';
import { Conclusion } from './conclusion.ts';
import { DisciplinaryProposal } from './disciplinary-proposal.ts';
import { ExecutionReport } from './execution-report.ts';
import { Inspection, InspectionViolation } from './inspection.ts';
import { Mutation } from './mutation.ts';
import { Query } from './query.ts';
import { Appeal } from './appeal.ts';
import { Appointment } from './appointment.ts';
import { Organization } from './organization.ts';
import { DateScalar, DateTimeScalar } from '@bakylau/platform/graphql/scalars';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  Query,
  Mutation,
  Instruction,
  InstructionIssuer,
  InstructionExecutor,
  InstructionExtension,
  ExecutionReport,
  Inspection,
  InspectionViolation,
  DisciplinaryProposal,
  Conclusion,
  Appeal,
  Appointment,
  Organization,
};
