export { receptionService } from './service.ts';
export type { ReceptionContext } from './context.ts';
