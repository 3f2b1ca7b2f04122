import type { TRepoChanges, TRepoFiles } from "@/server/evaluation/test-support/standard-change";

// A mid-size TypeScript project and a change over `changed` of its files: functions added, removed and edited,
// a few files added and deleted, so the diff has the shape of a real pull request.
export function generateChange(changed: number, untouched = 40): { base: TRepoFiles; head: TRepoChanges } {
  const base: TRepoFiles = { "README.md": "# Generated service\n\nUsed by bench:eval.\n" };
  const head: TRepoChanges = {};
  const moduleText = (i: number, fns: string[]) =>
    `// Module ${i}\nimport { log } from "./log";\n\n${fns
      .map((f, k) => `export function ${f}(input: number): number {\n  log("${f}");\n  const scaled = input * ${k + 2};\n  return scaled + ${i};\n}\n`)
      .join("\n")}`;
  for (let i = 0; i < changed + untouched; i++) {
    const fns = Array.from({ length: 6 }, (_, k) => `step${i}x${k}`);
    base[`src/module-${i}.ts`] = moduleText(i, fns);
    if (i >= changed) continue;
    if (i % 8 === 7) {
      head[`src/module-${i}.ts`] = null; // deleted
      continue;
    }
    const kept = fns.filter((_, k) => k !== i % 6); // one function removed
    const added = Array.from({ length: 1 + (i % 3) }, (_, k) => `feature${i}v${k}`);
    head[`src/module-${i}.ts`] = moduleText(i, [...kept, ...added]).replace("return scaled", "return Math.round(scaled)");
  }
  for (let i = 0; i < Math.ceil(changed / 6); i++) {
    head[`src/new/feature-${i}.ts`] = moduleText(1000 + i, [`handler${i}A`, `handler${i}B`, `handler${i}C`]);
  }
  base["src/log.ts"] = `export function log(message: string): void {\n  if (process.env.DEBUG) console.log(message);\n}\n`;
  return { base, head };
}
