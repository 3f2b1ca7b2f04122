// Shared by the deploy tests: reading manifests, rendering kustomizations, validating resources against the
// Kubernetes schemas, and the facts about workers that the manifests must agree with (queues, soft timeouts).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { parseAllDocuments } from "yaml";
import { JOB_TYPES } from "../../server/jobs/catalog";
import { QUEUE_NAMES } from "../../server/jobs/queues";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const K8S_DIR = path.join(ROOT, "k8s");
export const OVERLAYS = ["dev", "production"] as const;

export type TResource = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  // Manifests are checked field by field; the schemas below are what types them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [field: string]: any;
};

/** Every YAML document of a file, failing on any syntax error (the `yaml` package collects rather than throws). */
export function parseYamlDocuments(text: string, source: string, options: { merge?: boolean } = {}): unknown[] {
  const docs = parseAllDocuments(text, { merge: options.merge ?? false, uniqueKeys: true });
  if (!Array.isArray(docs)) throw new Error(`${source}: not a YAML stream`);
  const values: unknown[] = [];
  for (const doc of docs) {
    const problems = [...doc.errors, ...doc.warnings];
    if (problems.length > 0) throw new Error(`${source}: ${problems.map((p) => p.message).join("; ")}`);
    const value = doc.toJS({ maxAliasCount: 1000 });
    if (value !== null && value !== undefined) values.push(value);
  }
  return values;
}

export function readYaml(file: string, options: { merge?: boolean } = {}): unknown[] {
  return parseYamlDocuments(readFileSync(file, "utf8"), path.relative(ROOT, file), options);
}

export function listFiles(dir: string, test: (file: string) => boolean): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((entry) => path.join(dir, entry))
    .filter((file) => statSync(file).isFile() && test(file))
    .sort();
}

/** kustomize if installed, else kubectl's built-in kustomize (Kustomize v5); the deploy docs name both. */
function kustomizeCommand(): [string, string[]] {
  for (const [bin, args] of [["kustomize", ["build"]], ["kubectl", ["kustomize"]]] as const) {
    try {
      execFileSync(bin, bin === "kubectl" ? ["version", "--client"] : ["version"], { stdio: "ignore" });
      return [bin, [...args]];
    } catch {
      // try the next one
    }
  }
  throw new Error("Neither kustomize nor kubectl is on PATH: install one of them to render k8s/ (docs/deployment.md).");
}

const rendered = new Map<string, TResource[]>();

/** `kustomize build <dir>`, parsed; cached per directory. */
export function kustomizeBuild(dir: string): TResource[] {
  const cached = rendered.get(dir);
  if (cached) return cached;
  const [bin, args] = kustomizeCommand();
  const output = execFileSync(bin, [...args, dir], { encoding: "utf8", maxBuffer: 32 * 1024 * 1024 });
  const resources = parseYamlDocuments(output, `kustomize build ${path.relative(ROOT, dir)}`) as TResource[];
  rendered.set(dir, resources);
  return resources;
}

export const overlayDir = (overlay: string) => path.join(K8S_DIR, "overlays", overlay);

/** The Kubernetes schema (kubernetes-models, or @kubernetes-models/keda for KEDA's CRDs) for a resource. */
async function modelOf(resource: TResource): Promise<new (data: unknown) => { validate(): void }> {
  const { apiVersion, kind } = resource;
  const module: Record<string, unknown> = apiVersion.endsWith("keda.sh/v1alpha1")
    ? await import(/* @vite-ignore */ `@kubernetes-models/keda/${apiVersion}`)
    : await import(/* @vite-ignore */ `kubernetes-models/${apiVersion}`);
  const model = module[kind];
  if (typeof model !== "function") throw new Error(`no schema for ${apiVersion} ${kind}`);
  return model as new (data: unknown) => { validate(): void };
}

/** Schema problems of one resource ([] = valid). */
export async function schemaErrors(resource: TResource): Promise<string[]> {
  if (typeof resource?.apiVersion !== "string" || typeof resource?.kind !== "string") return ["apiVersion and kind are required"];
  let Model: new (data: unknown) => { validate(): void };
  try {
    Model = await modelOf(resource);
  } catch (error) {
    return [(error as Error).message];
  }
  try {
    new Model(resource).validate();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

export const nameOf = (r: TResource) => `${r.kind}/${r.metadata?.name}`;

// ---- workloads ----

export type TPodOwner = { resource: TResource; podSpec: TResource["spec"]; podLabels: Record<string, string> };

/** Deployments, StatefulSets, Jobs and CronJobs with their pod spec. */
export function podOwners(resources: TResource[]): TPodOwner[] {
  return resources.flatMap((resource) => {
    const template =
      resource.kind === "CronJob" ? resource.spec?.jobTemplate?.spec?.template : ["Deployment", "StatefulSet", "Job"].includes(resource.kind) ? resource.spec?.template : undefined;
    return template ? [{ resource, podSpec: template.spec, podLabels: template.metadata?.labels ?? {} }] : [];
  });
}

export const isLongRunning = (owner: TPodOwner) => ["Deployment", "StatefulSet"].includes(owner.resource.kind);

// ---- workers, queues and timeouts (read from the app's own catalog, never copied) ----

export { QUEUE_NAMES };

/** `worker --queues a:4,b` → Map(a → 4, b → undefined). */
export function queuesOfArgs(args: string[]): Map<string, number | undefined> {
  const flag = args.indexOf("--queues");
  if (flag < 0 || !args[flag + 1]) throw new Error(`worker args without --queues: ${args.join(" ")}`);
  return new Map(
    args[flag + 1]!.split(",").map((entry) => {
      const [name, concurrency] = entry.trim().split(":");
      return [name!, concurrency === undefined ? undefined : Number(concurrency)] as const;
    }),
  );
}

/** The longest soft timeout among the job types of these queues (what a draining worker must wait for). */
export function longestSoftTimeout(queues: Iterable<string>): number {
  const wanted = new Set(queues);
  return Math.max(0, ...JOB_TYPES.filter((type) => wanted.has(type.queue)).map((type) => type.softTimeoutSeconds));
}

export const LONGEST_SOFT_TIMEOUT = longestSoftTimeout(QUEUE_NAMES);

/** "3h10m", "90s", "1m30s" (compose durations) → seconds. */
export function durationSeconds(value: string): number {
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== value) throw new Error(`not a duration: ${value}`);
  const unit = { h: 3600, m: 60, s: 1, ms: 0.001, us: 0.000001 } as const;
  return parts.reduce((sum, [, amount, u]) => sum + Number(amount) * unit[u as keyof typeof unit], 0);
}

export const exists = (relative: string) => existsSync(path.join(ROOT, relative));

// ---- unknown fields ----

/**
 * Fields the Kubernetes API would reject as unknown (a misspelt `readOnlyRootFileSystem` passes the JSON schemas,
 * which allow extra properties): each resource is type-checked as an object literal of its model's TypeScript
 * interface, whose excess-property check names every field the API does not define.
 */
export function unknownFieldErrors(resources: TResource[]): string[] {
  const file = path.join(ROOT, "tests/deploy/__rendered_manifests__.ts");
  const lines = resources.map((r, i) => {
    const module = r.apiVersion.endsWith("keda.sh/v1alpha1") ? `@kubernetes-models/keda/${r.apiVersion}/${r.kind}` : `kubernetes-models/${r.apiVersion}/${r.kind}`;
    return `export const r${i}: import(${JSON.stringify(module)}).I${r.kind} = ${JSON.stringify(r)};`;
  });
  const source = lines.join("\n");
  const options: ts.CompilerOptions = {
    strict: true, noEmit: true, skipLibCheck: true, types: [],
    module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) => (name === file ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, ...rest));
  host.fileExists = (name) => name === file || fileExists(name);
  host.readFile = (name) => (name === file ? source : readFile(name));
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
    const where = resources[line] ? nameOf(resources[line]) : "(manifests)";
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
  });
}
