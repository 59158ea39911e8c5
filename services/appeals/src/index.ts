export { appealsService, createAppealsService } from './service.ts';
export type { AppealsContext } from './context.ts';
