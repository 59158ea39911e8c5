import { Counter, Gauge, Histogram, register } from 'prom-client';

/**
 * Metrics are registered once per process; several services (or tests) in one process share
 * them and tell themselves apart with the `service` label.
 */
function once<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

export const metrics = {
  outboxPending: () =>
    once(
      'bakylau_outbox_pending_events',
      () => new Gauge({ name: 'bakylau_outbox_pending_events', help: 'Events waiting in the outbox', labelNames: ['service'] }),
    ),
  outboxOldestAge: () =>
    once(
      'bakylau_outbox_oldest_pending_seconds',
      () =>
        new Gauge({ name: 'bakylau_outbox_oldest_pending_seconds', help: 'Age of the oldest pending outbox event (publishing lag)', labelNames: ['service'] }),
    ),
  outboxPublished: () =>
    once(
      'bakylau_outbox_published_total',
      () => new Counter({ name: 'bakylau_outbox_published_total', help: 'Events published to Kafka', labelNames: ['service'] }),
    ),
  outboxFailures: () =>
    once(
      'bakylau_outbox_publish_failures_total',
      () => new Counter({ name: 'bakylau_outbox_publish_failures_total', help: 'Failed publish attempts', labelNames: ['service'] }),
    ),
  eventsConsumed: () =>
    once(
      'bakylau_events_consumed_total',
      () =>
        new Counter({ name: 'bakylau_events_consumed_total', help: 'Events applied by consumers (duplicates excluded)', labelNames: ['service', 'consumer'] }),
    ),
  eventsDuplicate: () =>
    once(
      'bakylau_events_duplicate_total',
      () => new Counter({ name: 'bakylau_events_duplicate_total', help: 'Redelivered events skipped by the inbox', labelNames: ['service', 'consumer'] }),
    ),
  notificationAttempts: () =>
    once(
      'bakylau_notification_attempts_total',
      () =>
        new Counter({
          name: 'bakylau_notification_attempts_total',
          help: 'Attempts to deliver a notification to an applicant, by channel and result (delivered, retried, failed)',
          labelNames: ['service', 'channel', 'result'],
        }),
    ),
  httpDuration: () =>
    once(
      'bakylau_http_request_duration_seconds',
      () => new Histogram({ name: 'bakylau_http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['service', 'route', 'status'] }),
    ),
};

export { register };
