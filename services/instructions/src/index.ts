export { instructionsService } from './service.ts';
export { sweepOverdueInstructions } from './use-cases/overdue-sweep.ts';
