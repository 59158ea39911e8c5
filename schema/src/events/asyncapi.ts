// `npm run events:docs` writes schema/events/asyncapi.yaml (AsyncAPI 3) from the event JSON Schemas,
// so the document for agencies can never miss an event type the code emits.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { eventSchemasDir, readEventContracts, topicPartitions, topics, type JsonSchema } from './catalog.ts';

export const asyncapiPath = join(eventSchemasDir, 'asyncapi.yaml');

function messageName(type: string): string {
  // kz.bakylau.appeal.answer-submitted.v1 → AppealAnswerSubmittedV1
  return type
    .split('.')
    .slice(2)
    .flatMap((part) => part.split('-'))
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

function withoutMeta(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, examples: _e, ...rest } = schema;
  return rest;
}

export function buildAsyncApi(): string {
  const envelope = JSON.parse(readFileSync(join(eventSchemasDir, 'cloudevent.schema.json'), 'utf8')) as JsonSchema;
  const contracts = readEventContracts();
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const [context, address] of Object.entries(topics)) {
    const own = contracts.filter((c) => c.topics.includes(address));
    channels[context] = {
      address,
      title: `Events of the ${context} context`,
      description: `Keyed by aggregate id (the CloudEvent subject): events of one aggregate arrive in order. ${topicPartitions} partitions.`,
      messages: Object.fromEntries(own.map((c) => [messageName(c.type), { $ref: `#/components/messages/${messageName(c.type)}` }])),
      bindings: { kafka: { partitions: topicPartitions, replicas: 1, bindingVersion: '0.5.0' } },
    };
    operations[`receive${context.charAt(0).toUpperCase()}${context.slice(1)}Events`] = {
      action: 'receive',
      title: `Follow ${address}`,
      description: 'Agencies consume with their own consumer group (`<agency>.<purpose>`), at least once; deduplicate by the CloudEvent `id`.',
      channel: { $ref: `#/channels/${context}` },
      messages: own.map((c) => ({ $ref: `#/channels/${context}/messages/${messageName(c.type)}` })),
    };
    for (const contract of own) {
      // A type on two topics is one message, referenced from both channels.
      if (messages[messageName(contract.type)]) continue;
      const example = contract.schema.examples?.[0];
      messages[messageName(contract.type)] = {
        name: contract.type,
        title: contract.schema.title ?? contract.type,
        summary: contract.schema.description ?? contract.type,
        contentType: 'application/json',
        headers: {
          type: 'object',
          properties: {
            traceparent: { type: 'string', description: 'W3C trace context of the request that caused the event' },
            'x-request-id': { type: 'string', description: 'Correlation id of that request' },
            'ce-id': { type: 'string', description: 'The CloudEvent id, repeated as a header' },
          },
        },
        payload: {
          ...withoutMeta(envelope),
          properties: { ...(envelope.properties ?? {}), type: { const: contract.type }, data: withoutMeta(contract.schema) },
        },
        bindings: { kafka: { key: { type: 'string', description: 'Aggregate id (equals the CloudEvent subject)' }, bindingVersion: '0.5.0' } },
        ...(example
          ? {
              examples: [
                {
                  name: 'example',
                  payload: {
                    specversion: '1.0',
                    id: '6f1c1a8e-2f57-4d5b-9d47-0a9b8f0c1d2e',
                    source: `/bakylau/${contract.topic.split('.')[1]}`,
                    type: contract.type,
                    time: '2026-11-25T10:00:00.000Z',
                    subject: '3e2d6b0a-7c4f-4e0e-8f77-5b1f0f0b9a10',
                    datacontenttype: 'application/json',
                    data: example,
                  },
                },
              ],
            }
          : {}),
      };
    }
  }
  const document = {
    asyncapi: '3.0.0',
    info: {
      title: 'Bakylau domain events',
      version: '1.0.0',
      description:
        'Events of the appeals-control system of a regional akimat, for subscribing agencies. Every message is a CloudEvents 1.0 structured JSON event; personal data (IIN, phone, address, names) never appears in payloads; free text of officials that Bakylau services hand to each other travels sealed (fields named `sealed…`: AES-256-GCM, opened only by Bakylau services). Delivery is at least once, in order per aggregate; deduplicate by event id.',
    },
    defaultContentType: 'application/json',
    servers: {
      local: { host: '127.0.0.1:19092', protocol: 'kafka', description: 'The single-node broker that `npm start` runs' },
    },
    channels,
    operations,
    components: { messages },
  };
  return `# Generated by \`npm run events:docs\` from schema/events/*.json. Do not edit.\n${stringify(document, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}

if (import.meta.main) {
  writeFileSync(asyncapiPath, buildAsyncApi());
  console.log(`wrote ${asyncapiPath}`);
}
