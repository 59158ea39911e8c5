import { runServiceMain } from '@bakylau/platform/service-runtime';
import { appealsService } from './service.ts';

runServiceMain(appealsService);
