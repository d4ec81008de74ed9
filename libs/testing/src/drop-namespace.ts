import { Redis } from 'ioredis';
import { Kafka, logLevel, type Admin } from 'kafkajs';

/** The servers a namespace lives on, as `realStackEnv` names them; only those given are cleaned. */
export interface NamespaceServers {
  KAFKA_BROKERS: string;
  ELASTICSEARCH_URL?: string;
  REDIS_URL?: string;
}

/**
 * Deletes what a real-stack namespace (see `realStackEnv`) left on the shared servers: its Kafka
 * topics, dead-letter topics included, and consumer groups, its Elasticsearch indices and index
 * templates, and its Redis keys. Left behind, the topics pile up partitions on the single broker and
 * slow down every later run, the groups' offsets stay for a week, and the keys (throttles, dedup
 * marks, rate windows) fill Redis's memory. Stop the namespace's processes first: a running one
 * would recreate what it uses or fail on it.
 */
export async function dropNamespace(servers: NamespaceServers, namespace: string): Promise<void> {
  // BusNamespace leaves names unqualified in an empty namespace: nothing on the servers is told apart as its own.
  if (!namespace) throw new Error('dropNamespace needs a namespace: without one, the topics and indices of the installation are not told apart');
  await Promise.all([
    dropKafka(servers.KAFKA_BROKERS, namespace),
    servers.ELASTICSEARCH_URL && dropIndices(servers.ELASTICSEARCH_URL, namespace),
    servers.REDIS_URL && dropKeys(servers.REDIS_URL, namespace),
  ]);
}

async function dropKafka(brokers: string, namespace: string): Promise<void> {
  const admin = new Kafka({ clientId: 'drop-namespace', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await dropTopics(admin, namespace);
    await dropGroups(admin, namespace);
  } finally {
    await admin.disconnect();
  }
}

/** BusNamespace.qualify names every topic `<namespace>.<name>` (dead letters add `.dlt`) and every group `<namespace>.<group>.<topic>`. */
const ownedBy = (namespace: string) => (name: string) => name.startsWith(`${namespace}.`);

async function dropTopics(admin: Admin, namespace: string): Promise<void> {
  const topics = (await admin.listTopics()).filter(ownedBy(namespace));
  if (topics.length === 0) return;
  try {
    await admin.deleteTopics({ topics });
  } catch (error) {
    // One topic deleted since the listing (by a concurrent drop) fails the whole call though the
    // broker deleted the others: only topics still listed are a failure.
    const left = (await admin.listTopics()).filter(ownedBy(namespace));
    if (left.length > 0) throw new Error(`could not delete the Kafka topics of namespace ${namespace}: ${left.join(', ')}`, { cause: error });
  }
}

/**
 * Empty groups only: a member of a process killed moments ago stays in its group until its session
 * times out, and the broker then drops the group's offsets on its own, after offsets.retention.minutes.
 */
async function dropGroups(admin: Admin, namespace: string): Promise<void> {
  const groups = (await admin.listGroups()).groups.map((group) => group.groupId).filter(ownedBy(namespace));
  if (groups.length === 0) return;
  try {
    await admin.deleteGroups(groups);
  } catch (error) {
    const refused = (error as { groups?: { groupId: string; error?: { type?: string } }[] }).groups ?? [];
    const failed = refused.filter((group) => !['NON_EMPTY_GROUP', 'GROUP_ID_NOT_FOUND'].includes(group.error?.type ?? ''));
    if (refused.length === 0 || failed.length > 0) {
      throw new Error(`could not delete the Kafka consumer groups of namespace ${namespace}: ${(failed.length > 0 ? failed.map((g) => g.groupId) : groups).join(', ')}`, { cause: error });
    }
  }
}

async function dropIndices(url: string, namespace: string): Promise<void> {
  // ElasticsearchIndex names its aliases, indices and templates `<prefix>-<kind>…`; realStackEnv's prefix is the namespace.
  const deleting = [`${url}/${namespace}-*`, `${url}/_index_template/${namespace}-*`].map((target) => fetch(target, { method: 'DELETE' }));
  for (const response of await Promise.all(deleting)) {
    // A template pattern matching none answers 404; an index pattern matching none answers 200.
    if (!response.ok && response.status !== 404) {
      throw new Error(`could not delete the Elasticsearch indices of namespace ${namespace}: ${response.url} answered ${response.status} ${await response.text()}`);
    }
  }
}

async function dropKeys(url: string, namespace: string): Promise<void> {
  // realStackEnv's REDIS_KEY_PREFIX is `<namespace>:`; SCAN, unlike KEYS, does not stall a Redis that others share.
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', 1_000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
