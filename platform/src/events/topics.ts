/** One topic per bounded context, versioned; the message key is the aggregate id (ARCHITECTURE.md, "Events"). */
export const topics = {
  appeals: 'bakylau.appeals.v1',
  reception: 'bakylau.reception.v1',
  instructions: 'bakylau.instructions.v1',
  audit: 'bakylau.audit.v1',
} as const;

export type Topic = (typeof topics)[keyof typeof topics];

/** Partitions per topic: ordering holds per key, so more partitions only add consumer parallelism. */
export const topicPartitions = 3;

export const allTopics = Object.values(topics).map((topic) => ({ topic, numPartitions: topicPartitions }));
