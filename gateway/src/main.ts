import { ConfigError } from '@bakylau/platform/config';
import { createLogger } from '@bakylau/platform/logging';
import { loadGatewayConfig } from './config.ts';
import { createGateway } from './gateway.ts';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const logger = createLogger({ service: 'gateway', level: config.logLevel });
  const gateway = await createGateway(config, { logger });

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without draining');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: draining HTTP');
    gateway.stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  const url = `http://localhost:${gateway.port}/graphql`;
  logger.info({ url }, 'gateway ready');
  console.log(`Bakylau gateway ready at ${url}${config.production ? '' : ' (Apollo Sandbox)'}`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
