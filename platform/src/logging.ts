import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Personal data (IIN, phone, address) must never reach the logs: every field with these names,
 * at the depths we log, is censored.
 */
const personalDataKeys = ['iin', 'bin', 'phone', 'address', 'email', 'fullName'];
const redactPaths = personalDataKeys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);

export function createLogger(options: { service: string; level: string }, destination?: DestinationStream): Logger {
  const settings = {
    name: options.service,
    level: options.level,
    base: { service: options.service },
    redact: { paths: redactPaths, censor: '[personal data]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(settings, destination) : pino(settings);
}
