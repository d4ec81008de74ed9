import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { dropNamespace } from './drop-namespace';

const servers = {
  KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
  ELASTICSEARCH_URL: process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
};

describe('dropNamespace', () => {
  const ns = `drop-${randomUUID().slice(0, 8)}`;
  // Its names start with the namespace's own, so only an exact prefix keeps them apart.
  const other = `${ns}x`;
  const admin: Admin = new Kafka({ clientId: 'drop-namespace-spec', brokers: servers.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();

  const topicsOf = (namespace: string) => [`${namespace}.chat.message.archived.v1`, `${namespace}.chat.message.archived.v1.dlt`];
  const elasticsearch = (method: string, path: string, body?: unknown) =>
    fetch(`${servers.ELASTICSEARCH_URL}/${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const createIndices = async (namespace: string) => {
    const template = await elasticsearch('PUT', `_index_template/${namespace}-messages`, { index_patterns: [`${namespace}-messages-*`] });
    const index = await elasticsearch('PUT', `${namespace}-messages-v1`, { aliases: { [`${namespace}-messages`]: {} } });
    expect([template.status, index.status]).toEqual([200, 200]);
  };
  const indicesOf = async (namespace: string) => Object.keys((await (await elasticsearch('GET', `${namespace}-*?allow_no_indices=true`)).json()) as object);
  const templateExists = async (namespace: string) => (await elasticsearch('GET', `_index_template/${namespace}-messages`)).status === 200;
  const listed = async () => admin.listTopics();
  const groupOf = (namespace: string) => `${namespace}.ingest.chat.message.archived.v1`;
  const kafka = new Kafka({ clientId: 'drop-namespace-spec-groups', brokers: servers.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  // An admin of its own: kafkajs refreshes the metadata of every topic an admin used before listing groups, and fails on deleted ones.
  const groupAdmin = kafka.admin();
  const groupsListed = async () => (await groupAdmin.listGroups()).groups.map((group) => group.groupId);
  /**
   * A group whose member is still in it, as after a process was killed: Kafka deletes only empty groups.
   * Like ChatVault's own clients it never has the broker create a topic: its next metadata request
   * after the drop would otherwise bring the deleted topic back.
   */
  const member = kafka.consumer({ groupId: `${ns}.live.chat.message.archived.v1`, sessionTimeout: 30_000, allowAutoTopicCreation: false });
  const redis = new Redis(servers.REDIS_URL, { lazyConnect: true });
  /** More keys than one SCAN step returns, so the drop has to follow the cursor. */
  const keysOf = (namespace: string) => Array.from({ length: 2_500 }, (_, i) => `${namespace}:alert-throttle:${i}`);
  const keysLeft = async (namespace: string) => (await redis.keys(`${namespace}:*`)).length;

  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({ topics: [...topicsOf(ns), ...topicsOf(other)].map((topic) => ({ topic, numPartitions: 1 })), waitForLeaders: true });
    await Promise.all([createIndices(ns), createIndices(other)]);
    await redis.connect();
    for (const namespace of [ns, other]) await redis.mset(...keysOf(namespace).flatMap((key) => [key, '1']));
    for (const namespace of [ns, other]) {
      await admin.setOffsets({ groupId: groupOf(namespace), topic: topicsOf(namespace)[0]!, partitions: [{ partition: 0, offset: '0' }] });
    }
    await groupAdmin.connect();
    await member.connect();
    await member.subscribe({ topics: [topicsOf(ns)[0]!] });
    await member.run({ eachMessage: async () => undefined });
  });

  afterAll(async () => {
    await member.disconnect();
    await dropNamespace(servers, ns);
    await dropNamespace(servers, other);
    await Promise.all([admin.disconnect(), groupAdmin.disconnect()]);
    redis.disconnect();
  });

  it('deletes the topics, empty consumer groups, indices, index templates and Redis keys of the namespace and nothing of another', async () => {
    expect(await listed()).toEqual(expect.arrayContaining([...topicsOf(ns), ...topicsOf(other)]));
    expect(await groupsListed()).toEqual(expect.arrayContaining([groupOf(ns), groupOf(other)]));
    expect(await indicesOf(ns)).toEqual([`${ns}-messages-v1`]);

    await dropNamespace(servers, ns);

    const topics = await listed();
    expect(topics.filter((topic) => topic.startsWith(`${ns}.`))).toEqual([]);
    expect(topics).toEqual(expect.arrayContaining(topicsOf(other)));
    const groups = await groupsListed();
    expect(groups).not.toContain(groupOf(ns));
    expect(groups).toEqual(expect.arrayContaining([groupOf(other), `${ns}.live.chat.message.archived.v1`]));
    expect(await indicesOf(ns)).toEqual([]);
    expect(await templateExists(ns)).toBe(false);
    expect(await indicesOf(other)).toEqual([`${other}-messages-v1`]);
    expect(await templateExists(other)).toBe(true);
    expect(await keysLeft(ns)).toBe(0);
    expect(await keysLeft(other)).toBe(2_500);
  }, 30_000);

  it('does nothing, without failing, in a namespace with nothing left', async () => {
    await expect(dropNamespace(servers, `drop-${randomUUID().slice(0, 8)}`)).resolves.toBeUndefined();
  }, 30_000);

  it('refuses an empty namespace, whose topics and indices are not told apart', async () => {
    await expect(dropNamespace(servers, '')).rejects.toThrow('dropNamespace needs a namespace');
  });
});
