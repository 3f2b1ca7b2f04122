// Policy over the rendered overlays: what every workload must have (resources, probes, a locked-down security
// context, pinned images), and what the manifests must agree on with the app (queues, soft timeouts, config).
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "../../server/config/load-env";
import {
  K8S_DIR, LONGEST_SOFT_TIMEOUT, OVERLAYS, QUEUE_NAMES, ROOT, isLongRunning, kustomizeBuild, longestSoftTimeout, nameOf,
  overlayDir, podOwners, queuesOfArgs, readYaml, type TPodOwner, type TResource,
} from "./support";

type TContainer = TResource["spec"];
const APP_IMAGE = "ghcr.io/memory-break/memory-break";
const EXAMPLE_SECRET = path.join(K8S_DIR, "components/example-secret/secret.example.yaml");

const containersOf = (owner: TPodOwner): { container: TContainer; init: boolean }[] => [
  ...(owner.podSpec.initContainers ?? []).map((container: TContainer) => ({ container, init: true })),
  ...(owner.podSpec.containers ?? []).map((container: TContainer) => ({ container, init: false })),
];
const where = (owner: TPodOwner, container: TContainer) => `${nameOf(owner.resource)}/${container.name}`;
const selects = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);
const envValue = (container: TContainer, name: string): string | undefined => container.env?.find((e: { name: string }) => e.name === name)?.value;

/** "250m" → 0.25, "2" → 2 (cpu); "512Mi" → bytes (memory). */
function quantity(value: string | number): number {
  const text = String(value);
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|Ti|k|M|G)?$/.exec(text);
  if (!match) throw new Error(`unreadable quantity ${text}`);
  const factor = { m: 0.001, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, M: 1e6, G: 1e9 }[match[2] ?? ""] ?? 1;
  return Number(match[1]) * factor;
}

describe.each(OVERLAYS)("overlay %s", (overlay) => {
  const resources = kustomizeBuild(overlayDir(overlay));
  const owners = podOwners(resources);
  const byKind = (kind: string) => resources.filter((r) => r.kind === kind);
  const find = (kind: string, name: string) => resources.find((r) => r.kind === kind && r.metadata.name === name);
  const allContainers = owners.flatMap((owner) => containersOf(owner).map((c) => ({ owner, ...c })));
  const workers = owners.filter((o) => o.podLabels["app.kubernetes.io/component"] === "worker");

  it("every container has cpu and memory requests and limits", () => {
    const missing = allContainers.flatMap(({ owner, container }) =>
      ["requests", "limits"].flatMap((kind) =>
        ["cpu", "memory"].filter((r) => container.resources?.[kind]?.[r] === undefined).map((r) => `${where(owner, container)} ${kind}.${r}`),
      ),
    );
    expect(missing).toEqual([]);
    const inverted = allContainers
      .filter(({ container: c }) => ["cpu", "memory"].some((r) => quantity(c.resources.requests[r]) > quantity(c.resources.limits[r])))
      .map(({ owner, container }) => where(owner, container));
    expect(inverted, "requests above limits").toEqual([]);
  });

  it("every long-running container has liveness and readiness probes", () => {
    const missing = allContainers
      .filter(({ owner, init }) => isLongRunning(owner) && !init)
      .flatMap(({ owner, container }) =>
        ["livenessProbe", "readinessProbe"].filter((p) => !container[p]).map((p) => `${where(owner, container)} ${p}`),
      );
    expect(missing).toEqual([]);
  });

  it("every pod runs non-root, read-only, without privilege escalation or capabilities", () => {
    const problems: string[] = [];
    for (const owner of owners) {
      const pod = owner.podSpec;
      const name = nameOf(owner.resource);
      if (pod.hostNetwork || pod.hostPID || pod.hostIPC) problems.push(`${name}: host namespaces`);
      if (pod.automountServiceAccountToken !== false) problems.push(`${name}: service account token mounted`);
      if (pod.securityContext?.seccompProfile?.type !== "RuntimeDefault") problems.push(`${name}: seccompProfile`);
      for (const { container } of containersOf(owner)) {
        const sc = container.securityContext ?? {};
        const at = where(owner, container);
        if ((sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot) !== true) problems.push(`${at}: runAsNonRoot`);
        if ((sc.runAsUser ?? pod.securityContext?.runAsUser) === 0) problems.push(`${at}: runAsUser 0`);
        if (sc.allowPrivilegeEscalation !== false) problems.push(`${at}: allowPrivilegeEscalation`);
        if (sc.privileged) problems.push(`${at}: privileged`);
        if (sc.readOnlyRootFilesystem !== true) problems.push(`${at}: readOnlyRootFilesystem`);
        if (!sc.capabilities?.drop?.includes("ALL")) problems.push(`${at}: capabilities.drop ALL`);
        if (sc.capabilities?.add?.length) problems.push(`${at}: capabilities.add`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("with a read-only root, the app's containers get a writable /tmp (and the web its .next cache)", () => {
    const problems: string[] = [];
    for (const { owner, container } of allContainers.filter(({ container }) => container.image.startsWith(APP_IMAGE) || container.image.startsWith("memory-break:"))) {
      const mounts = new Map<string, string>((container.volumeMounts ?? []).map((m: { mountPath: string; name: string }) => [m.mountPath, m.name]));
      const emptyDirs = new Set((owner.podSpec.volumes ?? []).filter((v: { emptyDir?: object }) => v.emptyDir).map((v: { name: string }) => v.name));
      const required = container.args?.[0] === "web" ? ["/tmp", "/app/web/.next/cache"] : ["/tmp"];
      for (const dir of required) if (!emptyDirs.has(mounts.get(dir))) problems.push(`${where(owner, container)}: no emptyDir at ${dir}`);
    }
    expect(problems).toEqual([]);
  });

  it("images are pinned: a version tag or a digest, never latest", () => {
    const images = allContainers.map(({ container }) => container.image as string);
    const loose = images.filter((image) => {
      if (/@sha256:[0-9a-f]{64}$/.test(image)) return false;
      const tag = /:([^/:]+)$/.exec(image)?.[1];
      return !tag || tag === "latest" || !/\d/.test(tag);
    });
    expect(loose).toEqual([]);
  });

  it("every queue is consumed by exactly one worker Deployment", () => {
    const consumed = workers.flatMap((w) => [...queuesOfArgs(w.podSpec.containers[0].args).keys()]);
    expect([...consumed].sort()).toEqual([...QUEUE_NAMES].sort());
  });

  it("workers drain longer than their longest soft timeout, and are killed only after that", () => {
    const problems: string[] = [];
    for (const worker of workers) {
      const container = worker.podSpec.containers.find((c: TContainer) => c.name === "worker");
      const soft = longestSoftTimeout(queuesOfArgs(container.args).keys());
      const grace = Number(envValue(container, "WORKER_SHUTDOWN_GRACE_SECONDS"));
      const kill = worker.podSpec.terminationGracePeriodSeconds;
      const name = nameOf(worker.resource);
      if (!(grace >= soft)) problems.push(`${name}: WORKER_SHUTDOWN_GRACE_SECONDS ${grace} < soft timeout ${soft}`);
      if (!(kill > grace)) problems.push(`${name}: terminationGracePeriodSeconds ${kill} <= WORKER_SHUTDOWN_GRACE_SECONDS ${grace}`);
    }
    expect(problems).toEqual([]);
    const agentRuns = workers.find((w) => queuesOfArgs(w.podSpec.containers[0].args).has("agent-runs"));
    expect(LONGEST_SOFT_TIMEOUT).toBe(longestSoftTimeout(["agent-runs"])); // eval.run is the longest job
    expect(agentRuns?.podSpec.terminationGracePeriodSeconds).toBeGreaterThan(LONGEST_SOFT_TIMEOUT);
  });

  it("the configuration every app container gets passes the app's own validation", () => {
    const configMaps = new Map(byKind("ConfigMap").map((c) => [c.metadata.name, c.data ?? {}]));
    const secrets = new Map(
      [...byKind("Secret"), ...(readYaml(EXAMPLE_SECRET) as TResource[])].map((s) => [s.metadata.name, { ...s.data, ...s.stringData }]),
    );
    const problems: string[] = [];
    for (const { owner, container } of allContainers.filter(({ container }) => container.envFrom)) {
      const env: Record<string, string> = {};
      for (const source of container.envFrom) {
        const ref = source.configMapRef ?? source.secretRef;
        const values = (source.configMapRef ? configMaps : secrets).get(ref.name);
        if (!values) problems.push(`${where(owner, container)}: ${ref.name} does not exist`);
        Object.assign(env, values);
      }
      for (const entry of container.env ?? []) if (entry.value !== undefined) env[entry.name] = entry.value;
      try {
        parseEnv(env);
      } catch (error) {
        problems.push(`${where(owner, container)}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("the web app is probed on /api/health; liveness uses a static file so a database outage restarts nothing", () => {
    const web = find("Deployment", "web")!.spec.template.spec.containers[0];
    expect(web.readinessProbe.httpGet.path).toBe("/api/health");
    expect(web.startupProbe.httpGet.path).toBe("/api/health");
    expect(existsSync(path.join(ROOT, "public", web.livenessProbe.httpGet.path))).toBe(true);
  });

  it("workers are probed by the heartbeat check", () => {
    for (const worker of workers) {
      const container = worker.podSpec.containers[0];
      for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
        expect(container[probe].exec.command, `${nameOf(worker.resource)} ${probe}`).toEqual(["node", "/app/scripts/deploy/healthcheck.mjs", "worker"]);
      }
      expect(envValue(container, "WORKER_HEALTH_FILE")).toMatch(/^\/tmp\//);
    }
  });

  it("autoscalers, disruption budgets and services point at workloads that exist", () => {
    const deployments = new Set(byKind("Deployment").map((d) => d.metadata.name));
    const targets = [...byKind("HorizontalPodAutoscaler"), ...byKind("ScaledObject")].map((r) => r.spec.scaleTargetRef.name);
    expect(targets.filter((t) => !deployments.has(t))).toEqual([]);
    expect(new Set(targets).size, "a Deployment scaled twice (HPA and KEDA)").toBe(targets.length);
    for (const selectorOwner of [...byKind("PodDisruptionBudget"), ...byKind("Service")]) {
      const selector = selectorOwner.spec.selector?.matchLabels ?? selectorOwner.spec.selector;
      expect(owners.some((o) => selects(selector, o.podLabels)), nameOf(selectorOwner)).toBe(true);
    }
  });

  it("only the web Service is reachable from outside, over TLS", () => {
    expect(byKind("Service").filter((s) => s.spec.type && s.spec.type !== "ClusterIP").map(nameOf)).toEqual([]);
    const ingresses = byKind("Ingress");
    expect(ingresses).toHaveLength(1);
    const ingress = ingresses[0]!;
    const backends = ingress.spec.rules.flatMap((rule: TResource["spec"]) => rule.http.paths.map((p: TResource["spec"]) => p.backend.service.name));
    expect(new Set(backends)).toEqual(new Set(["web"]));
    const tlsHosts = ingress.spec.tls.flatMap((t: { hosts: string[]; secretName: string }) => (t.secretName ? t.hosts : []));
    expect(ingress.spec.rules.map((rule: { host: string }) => rule.host).filter((h: string) => !tlsHosts.includes(h))).toEqual([]);
  });

  it("network policies: deny by default, web reachable only from the ingress side, PostgreSQL only from its clients", () => {
    const policies = byKind("NetworkPolicy");
    const defaultDeny = policies.find((p) => Object.keys(p.spec.podSelector).length === 0 && !p.spec.ingress && !p.spec.egress);
    expect(defaultDeny?.spec.policyTypes).toEqual(expect.arrayContaining(["Ingress", "Egress"]));

    const ingressTo = (labels: Record<string, string>) =>
      policies.filter((p) => p.spec.policyTypes.includes("Ingress") && p.spec.ingress && selects(p.spec.podSelector.matchLabels ?? {}, labels));
    const podLabels = (component: string) => owners.find((o) => o.podLabels["app.kubernetes.io/component"] === component)!.podLabels;

    // Nothing may come in from an address range (that would be "anyone"), only from selected pods/namespaces.
    const all = policies.flatMap((p) => (p.spec.ingress ?? []).flatMap((rule: TResource["spec"]) => rule.from ?? [{ everyone: true }]));
    expect(all.filter((peer: TResource["spec"]) => peer.ipBlock || peer.everyone)).toEqual([]);

    expect(ingressTo(podLabels("worker")), "workers take no traffic").toEqual([]);
    const webPeers = ingressTo(podLabels("web")).flatMap((p) => p.spec.ingress.flatMap((rule: TResource["spec"]) => rule.from));
    expect(webPeers.length).toBeGreaterThan(0);
    expect(webPeers.filter((peer: TResource["spec"]) => !peer.namespaceSelector || peer.podSelector), "web: from namespaces only").toEqual([]);

    const dbPeers = ingressTo(podLabels("database")).flatMap((p) => p.spec.ingress.flatMap((rule: TResource["spec"]) => rule.from));
    for (const peer of dbPeers) {
      if (peer.namespaceSelector) expect(peer.namespaceSelector.matchLabels["kubernetes.io/metadata.name"]).toBe("keda");
      else expect(peer.podSelector.matchLabels).toEqual({ "memory-break/db-client": "true" });
    }
    const clients = owners.filter((o) => o.podLabels["memory-break/db-client"] === "true").map((o) => o.podLabels["app.kubernetes.io/component"]);
    expect(new Set(clients)).toEqual(new Set(["web", "worker", "migrations", "backup"]));
  });

  it("KEDA scalers count only the queues their Deployment consumes, with its concurrency as the target", () => {
    const problems: string[] = [];
    for (const scaled of byKind("ScaledObject")) {
      const deployment = find("Deployment", scaled.spec.scaleTargetRef.name)!;
      const consumed = queuesOfArgs(deployment.spec.template.spec.containers[0].args);
      for (const trigger of scaled.spec.triggers) {
        expect(trigger.type).toBe("postgresql");
        expect(trigger.metadata.query).toMatch(/FROM pgboss\.job/);
        const queues = [...(trigger.metadata.query as string).matchAll(/'([a-z-]+)'/g)].map((m) => m[1]!).filter((q) => (QUEUE_NAMES as string[]).includes(q));
        expect(queues.length, nameOf(scaled)).toBeGreaterThan(0);
        for (const queue of queues) if (!consumed.has(queue)) problems.push(`${nameOf(scaled)} counts ${queue}, which ${nameOf(deployment)} does not consume`);
        const concurrency = queues.reduce((sum, q) => sum + (consumed.get(q) ?? 1), 0);
        if (Number(trigger.metadata.targetQueryValue) > concurrency) problems.push(`${nameOf(scaled)}: target above the pod's concurrency ${concurrency}`);
        const auth = find("TriggerAuthentication", trigger.authenticationRef.name);
        if (!auth) problems.push(`${nameOf(scaled)}: no TriggerAuthentication ${trigger.authenticationRef.name}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("the namespace enforces the restricted pod security profile and bounds the install", () => {
    const namespace = byKind("Namespace")[0]!;
    expect(namespace.metadata.labels?.["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    const quota = byKind("ResourceQuota")[0]!.spec.hard;
    expect(byKind("LimitRange")).toHaveLength(1);
    // The configured replicas must fit the quota (autoscaling beyond it is the overlay's call).
    let cpu = 0;
    let memory = 0;
    for (const owner of owners.filter(isLongRunning)) {
      const replicas = owner.resource.spec.replicas ?? 1;
      for (const { container } of containersOf(owner)) {
        cpu += replicas * quantity(container.resources.requests.cpu);
        memory += replicas * quantity(container.resources.requests.memory);
      }
    }
    expect(cpu).toBeLessThanOrEqual(quantity(quota["requests.cpu"]));
    expect(memory).toBeLessThanOrEqual(quantity(quota["requests.memory"]));
  });

  it("STORAGE_DIR is one volume shared by the web app and every worker", () => {
    const claim = find("PersistentVolumeClaim", "memory-break-storage")!;
    if (overlay === "production") expect(claim.spec.accessModes).toEqual(["ReadWriteMany"]);
    const storageDir = byKind("ConfigMap").find((c) => c.metadata.name.startsWith("memory-break-config"))!.data.STORAGE_DIR;
    expect(storageDir).toBe("/data/storage"); // the image's STORAGE_DIR, owned by its user
    for (const owner of owners.filter((o) => ["web", "worker"].includes(o.podLabels["app.kubernetes.io/component"]!))) {
      const volume = owner.podSpec.volumes.find((v: TResource["spec"]) => v.persistentVolumeClaim?.claimName === "memory-break-storage");
      const mount = owner.podSpec.containers[0].volumeMounts.find((m: { name: string }) => m.name === volume?.name);
      expect(mount?.mountPath, nameOf(owner.resource)).toBe(storageDir);
    }
  });

  it(overlay === "production" ? "ships no example secret" : "uses the example secret (a throwaway cluster)", () => {
    const placeholders = byKind("Secret").filter((s) => JSON.stringify(s).includes("CHANGE-ME"));
    expect(placeholders.length > 0).toBe(overlay === "dev");
  });
});
