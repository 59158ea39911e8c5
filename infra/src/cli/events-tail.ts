// `npm run events:tail -- --topic bakylau.appeals.v1 [--brokers host:port] [--group agency.purpose] [--from-beginning]`
// Follows a Bakylau topic and prints one line per event: time, type, subject, then the data as JSON.
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { parseCloudEvent } from '@bakylau/platform/events/cloud-event';

const { values } = parseArgs({
  options: {
    topic: { type: 'string' },
    brokers: { type: 'string', default: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092' },
    group: { type: 'string' },
    'from-beginning': { type: 'boolean', default: false },
  },
});
if (!values.topic) {
  console.error('usage: npm run events:tail -- --topic bakylau.appeals.v1 [--brokers host:port] [--group <agency>.<purpose>] [--from-beginning]');
  process.exit(2);
}
// Without --group every run is a fresh reader; with it, the position is kept like any agency consumer's.
const groupId = values.group ?? `events-tail.${process.pid}.${Date.now()}`;
const kafka = new Kafka({ clientId: 'bakylau-events-tail', brokers: values.brokers.split(','), logLevel: logLevel.ERROR });
const consumer = kafka.consumer({ groupId });
await consumer.connect();
await consumer.subscribe({ topic: values.topic, fromBeginning: values['from-beginning'] });
console.error(`following ${values.topic} on ${values.brokers} as group ${groupId} (Ctrl+C to stop)`);
await consumer.run({
  eachMessage: async ({ partition, message }) => {
    const parsed = parseCloudEvent(message.value?.toString('utf8') ?? '');
    if (!parsed.ok) {
      console.log(`p${partition}@${message.offset} (not a CloudEvent: ${parsed.reason})`);
      return;
    }
    const { time, type, subject, id, data } = parsed.event;
    console.log(`${time} ${type} subject=${subject} id=${id} ${JSON.stringify(data)}`);
  },
});
const stop = () => void consumer.disconnect().finally(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
