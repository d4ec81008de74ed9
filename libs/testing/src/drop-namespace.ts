import { Kafka, logLevel } from 'kafkajs';

/** The servers a namespace lives on, as `realStackEnv` names them; without Elasticsearch, only topics are dropped. */
export interface NamespaceServers {
  KAFKA_BROKERS: string;
  ELASTICSEARCH_URL?: string;
}

/**
 * Deletes what a real-stack namespace (see `realStackEnv`) left on the shared servers: its Kafka
 * topics, dead-letter topics included, and its Elasticsearch indices and index templates. Left
 * behind, the topics pile up partitions on the single broker and slow down every later run. Stop
 * the namespace's processes first: a running one would recreate its topics or fail on them.
 */
export async function dropNamespace(servers: NamespaceServers, namespace: string): Promise<void> {
  // BusNamespace leaves names unqualified in an empty namespace: nothing on the servers is told apart as its own.
  if (!namespace) throw new Error('dropNamespace needs a namespace: without one, the topics and indices of the installation are not told apart');
  await Promise.all([dropTopics(servers.KAFKA_BROKERS, namespace), servers.ELASTICSEARCH_URL && dropIndices(servers.ELASTICSEARCH_URL, namespace)]);
}

async function dropTopics(brokers: string, namespace: string): Promise<void> {
  // BusNamespace.qualify names every topic `<namespace>.<name>`; its dead letters add `.dlt` after.
  const owned = (topic: string) => topic.startsWith(`${namespace}.`);
  const admin = new Kafka({ clientId: 'drop-namespace', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter(owned);
    if (topics.length === 0) return;
    try {
      await admin.deleteTopics({ topics });
    } catch (error) {
      // One topic deleted since the listing (by a concurrent drop) fails the whole call though the
      // broker deleted the others: only topics still listed are a failure.
      const left = (await admin.listTopics()).filter(owned);
      if (left.length > 0) throw new Error(`could not delete the Kafka topics of namespace ${namespace}: ${left.join(', ')}`, { cause: error });
    }
  } finally {
    await admin.disconnect();
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
