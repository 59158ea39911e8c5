export { auditService } from './service.ts';
export { createAuditEventHandler } from './events/audit-consumer.ts';
