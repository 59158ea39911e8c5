import { runServiceMain } from '@bakylau/platform/service-runtime';
import { instructionsService } from './service.ts';

runServiceMain(instructionsService);
