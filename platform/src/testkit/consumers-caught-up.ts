import { Kafka, logLevel, type Admin } from 'kafkajs';

/**
 * A consumer group and the topics it reads. `startsAt` is where the group begins on a partition it
 * has not committed on yet: the log's start (a system consuming from the earliest offset), or the
 * end offsets marked when it joined (a test service consuming from the latest).
 */
export type WatchedGroup = { groupId: string; topics: readonly string[]; startsAt?: 'earliest' | TopicMarks };

/** End offsets by topic, then partition. */
export type TopicMarks = Map<string, Map<number, bigint>>;

/** The end offset of every partition of `topics`. */
export async function endOffsets(admin: Admin, topics: readonly string[]): Promise<TopicMarks> {
  const marks: TopicMarks = new Map();
  for (const topic of new Set(topics)) {
    const partitions = await admin.fetchTopicOffsets(topic);
    marks.set(topic, new Map(partitions.map((p) => [p.partition, BigInt(p.high)])));
  }
  return marks;
}

/**
 * The partitions on which a group has not yet committed past the end of the log, as
 * "group topic[partition] committed/end" lines. Exact for the inbox consumer: kafkajs commits a
 * batch's offsets only after every eachMessage of the batch returned, i.e. after the inbox row and the
 * handler's effect were committed in PostgreSQL, and the idempotent (not transactional) producer
 * writes no control records, so committed = end means every message on the topic has been applied.
 */
export async function lagging(admin: Admin, groups: readonly WatchedGroup[], ends: TopicMarks): Promise<string[]> {
  const behind: string[] = [];
  for (const group of groups) {
    const committed = await admin.fetchOffsets({ groupId: group.groupId, topics: [...group.topics] });
    for (const { topic, partitions } of committed) {
      for (const { partition, offset } of partitions) {
        const end = ends.get(topic)?.get(partition) ?? 0n;
        const start = group.startsAt === undefined || group.startsAt === 'earliest' ? 0n : (group.startsAt.get(topic)?.get(partition) ?? 0n);
        const position = BigInt(offset) >= 0n ? BigInt(offset) : start;
        if (position < end) behind.push(`${group.groupId} ${topic}[${partition}] ${position}/${end}`);
      }
    }
  }
  return behind;
}

function sameMarks(a: TopicMarks, b: TopicMarks): boolean {
  for (const [topic, partitions] of a) {
    for (const [partition, end] of partitions) if (b.get(topic)?.get(partition) !== end) return false;
  }
  return true;
}

/** An admin client of its own, silent: a broker that is away for a moment is reported by the wait. */
export async function withAdmin<T>(brokers: readonly string[], use: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Kafka({ clientId: 'test-consumers-caught-up', brokers: [...brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Waits until the consumers are caught up: every group has committed, on each partition it reads,
 * the end offset, and `settled` (what else must be quiet, e.g. no pending outbox row) reports nothing.
 *
 * - `until: 'quiet'` (a broker of the test's own): the end offsets must also not move while all that
 *   is checked. Then no message is in flight, and none can come from an outbox row a consumer wrote
 *   (that row is committed before the consumer's offset, so it is either still pending or already on
 *   the topic, before the end that was reached).
 * - `until: 'now'` (a broker shared with other test files, which go on publishing): the groups must
 *   reach the end offsets as they were when the wait began, so everything published before it was applied.
 *
 * A test asserting that something did not change, or that every event arrived, waits for this first.
 * Fails after `timeoutMs` naming the groups and partitions that lagged, or what `settled` said.
 */
export async function waitForConsumersCaughtUp(options: {
  brokers: readonly string[];
  groups: readonly WatchedGroup[];
  until: 'quiet' | 'now';
  /** Null when quiet, else what is not (named in the timeout error). */
  settled?: () => Promise<string | null>;
  timeoutMs?: number;
}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  const topics = options.groups.flatMap((g) => g.topics);
  let fixedEnds: TopicMarks | null = null;
  let problem: string;
  for (;;) {
    try {
      problem = await withAdmin(options.brokers, async (admin) => {
        if (options.until === 'now') fixedEnds ??= await endOffsets(admin, topics);
        const ends = fixedEnds ?? (await endOffsets(admin, topics));
        const behind = await lagging(admin, options.groups, ends);
        if (behind.length) return `consumer groups behind (committed/end): ${behind.join(', ')}`;
        const unsettled = options.settled ? await options.settled() : null;
        if (unsettled) return unsettled;
        if (options.until === 'quiet' && !sameMarks(ends, await endOffsets(admin, topics))) return 'messages were still being published';
        return '';
      });
    } catch (error) {
      problem = `the broker did not answer: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (!problem) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for the consumers to catch up: ${problem}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
