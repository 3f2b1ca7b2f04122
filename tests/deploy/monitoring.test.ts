// docs/monitoring and docs/deployment.md: the scrape config, alert rules and Grafana dashboard are well-formed
// and agree with the manifests; every file the guide points at exists. (That the metrics they query are the
// ones /api/metrics exposes is checked against a running server in runtime.test.ts.)
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, exists, kustomizeBuild, overlayDir, readYaml, type TResource } from "./support";

const read = (relative: string) => readFileSync(path.join(ROOT, relative), "utf8");

describe("monitoring examples", () => {
  it("the Prometheus scrape jobs target /api/metrics on the web pods' named port", () => {
    const [config] = readYaml(path.join(ROOT, "docs/monitoring/prometheus.yml")) as { scrape_configs: TResource["spec"][]; rule_files: string[] }[];
    expect(config!.rule_files).toEqual(["alerts.yml"]);
    for (const job of config!.scrape_configs) expect(job.metrics_path, job.job_name).toBe("/api/metrics");
    const k8sJob = config!.scrape_configs.find((job) => job.kubernetes_sd_configs)!;
    const keep = (label: string) => k8sJob.relabel_configs.find((r: { source_labels: string[]; action: string }) => r.action === "keep" && r.source_labels[0] === label)?.regex;
    const web = kustomizeBuild(overlayDir("production")).find((r) => r.kind === "Deployment" && r.metadata.name === "web")!;
    expect(keep("__meta_kubernetes_pod_label_app_kubernetes_io_component")).toBe(web.spec.template.metadata.labels["app.kubernetes.io/component"]);
    expect(keep("__meta_kubernetes_pod_container_port_name")).toBe(web.spec.template.spec.containers[0].ports[0].name);
    expect(k8sJob.kubernetes_sd_configs[0].namespaces.names).toEqual([web.metadata.namespace]);
  });

  it("every alert rule has an expression, a severity and a summary", () => {
    const [rules] = readYaml(path.join(ROOT, "docs/monitoring/alerts.yml")) as { groups: { name: string; rules: TResource["spec"][] }[] }[];
    const all = rules!.groups.flatMap((g) => g.rules);
    expect(all.length).toBeGreaterThanOrEqual(5);
    for (const rule of all) {
      expect(rule.alert).toMatch(/^MemoryBreak[A-Za-z]+$/);
      expect(rule.expr.length, rule.alert).toBeGreaterThan(5);
      expect(["critical", "warning"], rule.alert).toContain(rule.labels.severity);
      expect(rule.annotations.summary, rule.alert).toBeTruthy();
    }
    expect(new Set(all.map((r) => r.alert)).size).toBe(all.length);
  });

  it("the Grafana dashboard is importable: unique ids, a Prometheus data source variable, a query per panel", () => {
    const dashboard = JSON.parse(read("docs/monitoring/grafana-dashboard.json"));
    expect(dashboard.uid).toBe("memory-break");
    expect(dashboard.templating.list).toEqual(expect.arrayContaining([expect.objectContaining({ name: "datasource", type: "datasource", query: "prometheus" })]));
    const panels = dashboard.panels as { id: number; type: string; title: string; datasource?: { uid: string }; targets?: { expr: string }[] }[];
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    for (const panel of panels.filter((p) => p.type !== "row")) {
      expect(panel.datasource?.uid, panel.title).toBe("${datasource}");
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets!) expect(target.expr, panel.title).toMatch(/\b(mb|process)_[a-z_]+/);
    }
  });
});

describe("docs/deployment.md", () => {
  const doc = read("docs/deployment.md");

  it("every file and folder it names exists", () => {
    const links = [...doc.matchAll(/\]\(([^)#:]+)\)/g)].map((m) => path.normalize(path.join("docs", m[1]!)));
    const paths = [...doc.matchAll(/`((?:k8s|docs|scripts|server|tests|worker)\/[\w./-]+?)`/g)].map((m) => m[1]!);
    const missing = [...links, ...paths].map((p) => p.replace(/\/$/, "")).filter((p) => !exists(p));
    expect(missing).toEqual([]);
  });

  it("covers what an operator needs", () => {
    for (const heading of ["Quick start with Docker Compose", "Building images", "Vercel-style", "Kubernetes", "Configuration and secrets", "Rotating secrets", "Scaling", "Monitoring", "Backup and restore", "Production checklist", "Troubleshooting"]) {
      expect(doc, heading).toMatch(new RegExp(`^##+ .*${heading}`, "m"));
    }
  });
});
