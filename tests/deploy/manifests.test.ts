// k8s/: every file parses, every resource validates against the Kubernetes schema of its apiVersion/kind
// (kubernetes-models; KEDA's CRD schema for ScaledObject and TriggerAuthentication), and kustomize renders the
// base and both overlays into valid resources.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { K8S_DIR, OVERLAYS, kustomizeBuild, listFiles, nameOf, overlayDir, readYaml, schemaErrors, unknownFieldErrors, type TResource } from "./support";

const KUSTOMIZE_KINDS = new Set(["Kustomization", "Component"]);
const yamlFiles = listFiles(K8S_DIR, (file) => /\.ya?ml$/.test(file));
const relative = (file: string) => path.relative(K8S_DIR, file);

/** Files that kustomizations apply as patches: partial resources by design, checked once rendered. */
function patchFiles(): Set<string> {
  const patches = new Set<string>();
  for (const file of yamlFiles.filter((f) => /kustomization\.ya?ml$/.test(f))) {
    const [kustomization] = readYaml(file) as { patches?: { path?: string }[] }[];
    for (const patch of kustomization?.patches ?? []) if (patch.path) patches.add(path.resolve(path.dirname(file), patch.path));
  }
  return patches;
}

async function invalid(resources: TResource[]): Promise<string[]> {
  const problems = await Promise.all(resources.map(async (r) => (await schemaErrors(r)).map((e) => `${nameOf(r)}: ${e}`)));
  return problems.flat();
}

describe("k8s manifests", () => {
  it("finds the base, the components and both overlays", () => {
    const kustomizations = yamlFiles.filter((f) => /kustomization\.ya?ml$/.test(f)).map(relative);
    expect(kustomizations).toEqual(
      expect.arrayContaining(["base/kustomization.yaml", "overlays/dev/kustomization.yaml", "overlays/production/kustomization.yaml"]),
    );
  });

  const patches = patchFiles();
  it.each(yamlFiles.map((file) => [relative(file), file]))("%s parses and validates", async (_name, file) => {
    const docs = readYaml(file) as TResource[];
    expect(docs.length).toBeGreaterThan(0);
    if (docs.every((doc) => KUSTOMIZE_KINDS.has(doc.kind))) return; // rendered below
    if (patches.has(file)) return;
    expect(await invalid(docs)).toEqual([]);
  });

  it.each([["base"], ...OVERLAYS.map((o) => [`overlays/${o}`])])("kustomize builds %s into valid resources", async (dir) => {
    const resources = kustomizeBuild(dir === "base" ? path.join(K8S_DIR, "base") : overlayDir(dir.split("/")[1]!));
    expect(resources.length).toBeGreaterThan(20);
    expect(await invalid(resources)).toEqual([]);
    const names = resources.map((r) => `${r.kind}/${r.metadata.name}`);
    expect(new Set(names).size, "duplicate resources").toBe(names.length);
    const namespaced = resources.filter((r) => r.kind !== "Namespace");
    expect(namespaced.filter((r) => r.metadata.namespace !== "memory-break").map(nameOf)).toEqual([]);
  });

  it("the schema check catches a broken resource (the validator is live)", async () => {
    const broken = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" }, spec: { replicas: "two" } } as TResource;
    expect((await schemaErrors(broken)).join()).toMatch(/selector|replicas/);
    const scaledObject = { apiVersion: "keda.sh/v1alpha1", kind: "ScaledObject", metadata: { name: "x" }, spec: { triggers: [] } } as TResource;
    expect((await schemaErrors(scaledObject)).join()).toMatch(/scaleTargetRef/);
  });
});

describe("k8s manifests use only fields the API knows", () => {
  const patches = patchFiles();
  it("every rendered resource and every raw manifest", () => {
    const rendered = OVERLAYS.flatMap((overlay) => kustomizeBuild(overlayDir(overlay)));
    // Patches are partial on purpose; what they add is checked in the rendered resources.
    const raw = yamlFiles
      .filter((file) => !patches.has(file))
      .flatMap((file) => (readYaml(file) as TResource[]).filter((doc) => !KUSTOMIZE_KINDS.has(doc.kind)));
    expect(unknownFieldErrors([...rendered, ...raw])).toEqual([]);
  });

  it("the check names a misspelt field", () => {
    const typo = { apiVersion: "v1", kind: "Pod", metadata: { name: "x" }, spec: { containers: [{ name: "a", securityContext: { readOnlyRootFileSystem: true } }] } };
    expect(unknownFieldErrors([typo as TResource]).join()).toMatch(/Pod\/x: .*readOnlyRootFileSystem/);
  });
});
