import { runServiceMain } from '@bakylau/platform/service-runtime';
import { auditService } from './service.ts';

runServiceMain(auditService);
