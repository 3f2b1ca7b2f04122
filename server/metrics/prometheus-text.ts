// Prometheus text exposition format 0.0.4, written by hand: a handful of families, no registry needed.

export type TSample = { labels?: Record<string, string>; value: number; suffix?: string };
export type TFamily = { name: string; help: string; type: "counter" | "gauge" | "histogram"; samples: TSample[] };

const escapeLabel = (value: string) => value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
const formatValue = (value: number) => (Number.isFinite(value) ? String(value) : value > 0 ? "+Inf" : value < 0 ? "-Inf" : "NaN");

export function renderFamilies(families: TFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${family.help.replace(/\n/g, " ")}`, `# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      const labels = Object.entries(sample.labels ?? {});
      const text = labels.length ? `{${labels.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}` : "";
      lines.push(`${family.name}${sample.suffix ?? ""}${text} ${formatValue(sample.value)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
