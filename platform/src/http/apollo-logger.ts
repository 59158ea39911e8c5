import type { Logger } from '../logging.ts';

/** Routes Apollo Server's and Apollo Gateway's own log lines into the service's pino logger. */
export function apolloLogger(logger: Logger) {
  const child = logger.child({ component: 'apollo' });
  return {
    debug: (message: string) => child.debug(message),
    info: (message: string) => child.info(message),
    warn: (message: string) => child.warn(message),
    error: (message: string) => child.error(message),
  };
}
