import { runServiceMain } from '@bakylau/platform/service-runtime';
import { receptionService } from './service.ts';

runServiceMain(receptionService);
