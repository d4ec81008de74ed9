import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import type { IContainer, IEnvVar } from 'kubernetes-models/v1';
import { beforeAll, describe, expect, it } from 'vitest';

const SERVICES = ['ingest', 'classification', 'alerting', 'customer-handover', 'retention', 'api'];
const SECRET_NAME = 'chatvault-secrets';
const SECRET_KEYS = ['DATABASE_URL', 'CHATVAULT_API_KEY', 'REDIS_URL', 'ALERT_SMTP_URL'];
const kubectl = process.env.KUBECTL ?? 'kubectl';

/** The schema model of every kind the base may render; anything else fails the test rather than going unchecked. */
const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
};

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

function validate(object: K8sObject): void {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model) throw new Error(`no schema registered for ${object.apiVersion} ${object.kind} "${object.metadata.name}"`);
  new Model(object).validate();
}

function container(deployment: Deployment): IContainer {
  const containers = deployment.spec?.template.spec?.containers ?? [];
  expect(containers.map((c) => c.name)).toEqual(['chatvault']);
  return containers[0];
}

function envVar(c: IContainer, name: string): IEnvVar | undefined {
  return c.env?.find((e) => e.name === name);
}

/** A probe or Service may name the port; what matters is the number the process listens on. */
function portNumber(c: IContainer, port: number | string | undefined): number | undefined {
  return typeof port === 'number' ? port : c.ports?.find((p) => p.name === port)?.containerPort;
}

function secretKeyRefs(value: unknown): { name?: string; key: string }[] {
  if (Array.isArray(value)) return value.flatMap(secretKeyRefs);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([field, child]) =>
    field === 'secretKeyRef' ? [child as { name?: string; key: string }] : secretKeyRefs(child),
  );
}

describe('k8s/base rendered by kustomize', () => {
  let rendered: string;
  let objects: K8sObject[];
  let deployments: Map<string, Deployment>;

  beforeAll(() => {
    rendered = execFileSync(kubectl, ['kustomize', resolve(__dirname, 'base')], { encoding: 'utf8' });
    const documents = parseAllDocuments(rendered);
    for (const document of documents) expect(document.errors).toEqual([]);
    objects = documents.map((d) => d.toJS() as K8sObject);
    deployments = new Map(
      objects.filter((o) => o.kind === 'Deployment').map((o) => [o.metadata.labels?.['app.kubernetes.io/component'] ?? '', new Deployment(o as any)]),
    );
  });

  it('renders only objects that pass the Kubernetes schemas', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(
      ['ConfigMap/chatvault-config', 'Service/chatvault-api', ...SERVICES.map((s) => `Deployment/chatvault-${s}`)].sort(),
    );
    for (const object of objects) expect(() => validate(object), `${object.kind}/${object.metadata.name}`).not.toThrow();
  });

  it('catches a schema violation, so the check above cannot pass vacuously', () => {
    const broken = structuredClone(objects.find((o) => o.kind === 'Deployment')!);
    (broken.spec as { replicas: unknown }).replicas = 'two';
    expect(() => validate(broken)).toThrow(/replicas must be integer/);
    expect(() => validate({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } })).toThrow(/no schema registered/);
  });

  it('runs one Deployment per service, each with its TARGET, the shared image and its own pods', () => {
    expect([...deployments.keys()].sort()).toEqual([...SERVICES].sort());
    for (const [service, deployment] of deployments) {
      const c = container(deployment);
      expect(envVar(c, 'TARGET')?.value, service).toBe(service);
      expect(c.image, service).toBe('chatvault:latest');
      const labels = { 'app.kubernetes.io/name': 'chatvault', 'app.kubernetes.io/component': service };
      expect(deployment.metadata?.labels, service).toMatchObject(labels);
      expect(deployment.spec?.selector.matchLabels, service).toEqual(labels);
      expect(deployment.spec?.template.metadata?.labels, service).toMatchObject(labels);
      expect(c.resources?.requests, service).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
      expect(c.resources?.limits, service).toMatchObject({ memory: expect.any(String) });
    }
  });

  it('probes /healthz for liveness and /readyz for readiness on port 8080, and lets Prometheus scrape it', () => {
    for (const [service, deployment] of deployments) {
      const c = container(deployment);
      expect(c.ports?.map((p) => p.containerPort), service).toEqual([8080]);
      expect(envVar(c, 'PORT')?.value, service).toBe('8080');
      expect(c.livenessProbe?.httpGet?.path, service).toBe('/healthz');
      expect(portNumber(c, c.livenessProbe?.httpGet?.port), service).toBe(8080);
      expect(c.readinessProbe?.httpGet?.path, service).toBe('/readyz');
      expect(portNumber(c, c.readinessProbe?.httpGet?.port), service).toBe(8080);
      expect(deployment.spec?.template.metadata?.annotations, service).toMatchObject({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': '8080',
        'prometheus.io/path': '/metrics',
      });
    }
  });

  it('runs as non-root on a read-only root filesystem with /data and /tmp on emptyDir', () => {
    for (const [service, deployment] of deployments) {
      const pod = deployment.spec?.template.spec;
      const c = container(deployment);
      expect(pod?.securityContext?.runAsNonRoot, service).toBe(true);
      expect(c.securityContext?.readOnlyRootFilesystem, service).toBe(true);
      expect(c.securityContext?.allowPrivilegeEscalation, service).toBe(false);
      for (const path of ['/data', '/tmp']) {
        const mount = c.volumeMounts?.find((m) => m.mountPath === path);
        expect(mount, `${service} mounts ${path}`).toBeDefined();
        expect(pod?.volumes?.find((v) => v.name === mount?.name)?.emptyDir, `${service} ${path} is an emptyDir`).toBeDefined();
      }
      expect(envVar(c, 'DATA_DIR')?.value, service).toBe('/data');
    }
  });

  it('takes secrets only by reference to chatvault-secrets and renders no secret value', () => {
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const refs = secretKeyRefs(objects);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref.name).toBe(SECRET_NAME);
      expect(SECRET_KEYS).toContain(ref.key);
    }
    const config = objects.find((o) => o.kind === 'ConfigMap') as unknown as { data: Record<string, string> };
    expect(Object.keys(config.data)).not.toContain('DATABASE_URL');
    expect(Object.keys(config.data)).not.toContain('CHATVAULT_API_KEY');
    // user:password@ in any URL.
    expect(rendered).not.toMatch(/[a-z]+:\/\/[^\s/@]*:[^\s/@]+@/i);
    for (const [service, deployment] of deployments) {
      const c = container(deployment);
      for (const key of SECRET_KEYS) expect(envVar(c, key)?.value, `${service} ${key} is a literal`).toBeUndefined();
      expect(envVar(c, 'DATABASE_URL')?.valueFrom?.secretKeyRef, service).toMatchObject({ name: SECRET_NAME, key: 'DATABASE_URL' });
      expect(c.envFrom, service).toEqual([{ configMapRef: { name: 'chatvault-config' } }]);
    }
  });

  it('gives the admin key to the API alone', () => {
    for (const [service, deployment] of deployments) {
      const ref = envVar(container(deployment), 'CHATVAULT_API_KEY')?.valueFrom?.secretKeyRef;
      if (service === 'api') expect(ref).toMatchObject({ name: SECRET_NAME, key: 'CHATVAULT_API_KEY' });
      else expect(ref, service).toBeUndefined();
    }
  });

  it('exposes the API, and only the API, through a Service on port 8080 of its pods', () => {
    const service = new Service(objects.find((o) => o.kind === 'Service') as any);
    const selector = service.spec?.selector ?? {};
    const selected = [...deployments].filter(([, d]) =>
      Object.entries(selector).every(([label, value]) => d.spec?.template.metadata?.labels?.[label] === value),
    );
    expect(selected.map(([name]) => name)).toEqual(['api']);
    const api = container(selected[0][1]);
    expect(service.spec?.ports?.map((p) => portNumber(api, p.targetPort))).toEqual([8080]);
  });
});
