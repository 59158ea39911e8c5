export { createGateway, type RunningGateway } from './gateway.ts';
export { gatewayEnvSchema, loadGatewayConfig, type GatewayConfig } from './config.ts';
export type { GatewayContext } from './context.ts';
