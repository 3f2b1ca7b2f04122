// The Dockerfile, read with a Dockerfile parser (dockerfile-ast): hadolint's main rules that apply here, plus
// what this image promises (multi-stage, pinned base, non-root numeric USER, HEALTHCHECK, one entry point for
// every role). hadolint itself has no npm or Debian package to install here; docs/deployment.md shows how to run it where it exists.
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { DockerfileParser, type Copy, type From, type Instruction } from "dockerfile-ast";
import { describe, expect, it } from "vitest";
import { ROOT, exists } from "./support";

const text = readFileSync(path.join(ROOT, "Dockerfile"), "utf8");
const dockerfile = DockerfileParser.parse(text);
const instructions = dockerfile.getInstructions();
const args = (i: Instruction) => i.getArguments().map((a) => a.getValue());

type TStage = { from: From; name: string | null; instructions: Instruction[] };
const stages: TStage[] = [];
for (const instruction of instructions) {
  if (instruction.getKeyword() === "FROM") {
    const from = instruction as From;
    stages.push({ from, name: from.getBuildStage(), instructions: [] });
  } else stages.at(-1)?.instructions.push(instruction);
}
const final = stages.at(-1)!;
const stageNames = stages.map((s) => s.name);
const inFinal = (keyword: string) => final.instructions.filter((i) => i.getKeyword() === keyword);
const fromFlag = (copy: Instruction) => (copy as Copy).getFromFlag()?.getValue() ?? undefined;
/** JSON-form arguments of CMD/ENTRYPOINT/HEALTHCHECK CMD. */
const jsonArgs = (i: Instruction) => JSON.parse(i.getRawArgumentsContent()!.replace(/^(--\S+\s+)*(CMD\s+)?/, "")) as string[];

/** .dockerignore semantics, enough for our patterns: globs from the context root, `!` re-includes, last match wins. */
function ignoredByDockerignore(relative: string): boolean {
  const rules = readFileSync(path.join(ROOT, ".dockerignore"), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  const toRegex = (glob: string) =>
    new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*\*/g, "\u0000").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]").replace(/\u0000/g, ".*")}(/.*)?$`);
  let ignored = false;
  for (const rule of rules) {
    const negate = rule.startsWith("!");
    if (toRegex(negate ? rule.slice(1) : rule).test(relative)) ignored = !negate;
  }
  return ignored;
}

describe("Dockerfile", () => {
  it("parses, declares its BuildKit syntax and uses only known instructions", () => {
    expect(dockerfile.getDirective()?.getValue()).toMatch(/^docker\/dockerfile:1/);
    const known = new Set(["FROM", "RUN", "COPY", "ENV", "WORKDIR", "USER", "EXPOSE", "HEALTHCHECK", "ENTRYPOINT", "CMD", "ARG", "LABEL"]);
    expect(instructions.map((i) => i.getKeyword()).filter((k) => !known.has(k))).toEqual([]); // DL3020: COPY, never ADD
  });

  it("is multi-stage with unique stage names, copying only from earlier stages", () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(new Set(stageNames).size).toBe(stageNames.length);
    stages.forEach((stage, index) => {
      for (const copy of stage.instructions.filter((i) => i.getKeyword() === "COPY")) {
        const from = fromFlag(copy);
        if (from) expect(stageNames.slice(0, index), `COPY --from=${from}`).toContain(from);
      }
    });
  });

  it("pins every base image to a full version (DL3006, DL3007) that satisfies package.json engines", () => {
    const external = stages.map((s) => s.from).filter((f) => !stageNames.includes(f.getImageName()));
    expect(external.length).toBeGreaterThan(0);
    for (const from of external) {
      expect(from.getImageTag() ?? from.getImageDigest(), from.getImage() ?? "").toBeTruthy();
      expect(from.getImageTag()).not.toBe("latest");
      if (!from.getImageDigest()) expect(from.getImageTag()).toMatch(/^\d+\.\d+\.\d+/);
    }
    const node = external.find((f) => f.getImageName() === "node")!;
    const [major, minor] = node.getImageTag()!.split(/[.-]/).map(Number) as [number, number];
    const engines = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { engines: { node: string } }).engines.node;
    const [, lowMajor, lowMinor, highMajor] = /^>=(\d+)\.(\d+) <(\d+)$/.exec(engines)!.map(Number) as [number, number, number, number];
    expect(major > lowMajor || (major === lowMajor && minor >= lowMinor)).toBe(true);
    expect(major).toBeLessThan(highMajor);
  });

  it("runs as a numeric non-root user in the final stage (DL3002; Kubernetes can verify runAsNonRoot)", () => {
    const users = inFinal("USER").map((u) => args(u).join(" "));
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
  });

  it("has a HEALTHCHECK, an exec-form ENTRYPOINT and CMD (DL3025), and exposes the web port", () => {
    const [healthcheck] = inFinal("HEALTHCHECK");
    expect(healthcheck).toBeDefined();
    const probe = jsonArgs(healthcheck!);
    expect(probe.slice(0, 2)).toEqual(["node", "/app/scripts/deploy/healthcheck.mjs"]);
    const entrypoint = jsonArgs(inFinal("ENTRYPOINT").at(-1)!);
    expect(entrypoint).toEqual(["/usr/bin/tini", "--", "/app/scripts/deploy/docker-entrypoint.sh"]);
    expect(jsonArgs(inFinal("CMD").at(-1)!)).toEqual(["web"]);
    expect(inFinal("EXPOSE").flatMap(args)).toContain("3000");
  });

  it("installs Debian packages lean: no recommends (DL3015), lists removed in the same layer (DL3009), no upgrade", () => {
    const runs = instructions.filter((i) => i.getKeyword() === "RUN").map((i) => i.getArgumentsContent() ?? "");
    const apt = runs.filter((run) => run.includes("apt-get install"));
    expect(apt.length).toBeGreaterThan(0);
    for (const run of apt) {
      expect(run).toContain("--no-install-recommends");
      expect(run).toContain("-y");
      expect(run).toContain("rm -rf /var/lib/apt/lists/*");
    }
    expect(runs.filter((run) => /apt-get (dist-)?upgrade|\bsudo\b|curl[^|]*\|\s*(ba)?sh/.test(run))).toEqual([]);
  });

  it("copies only sources that exist and that .dockerignore lets into the context", () => {
    const sources = stages
      .flatMap((s) => s.instructions)
      .filter((i) => i.getKeyword() === "COPY" && !fromFlag(i))
      .flatMap((i) => args(i).slice(0, -1))
      .filter((source) => source !== ".");
    expect(sources.length).toBeGreaterThan(5);
    expect(sources.filter((source) => !exists(source))).toEqual([]);
    expect(sources.filter((source) => ignoredByDockerignore(source))).toEqual([]);
  });

  it(".dockerignore keeps dependencies, builds, databases and secrets out of the context", () => {
    for (const excluded of [".git", "node_modules", ".next", ".data", ".env", ".env.local", "server/db/generated", "k8s"]) {
      expect(ignoredByDockerignore(excluded), excluded).toBe(true);
    }
    expect(ignoredByDockerignore(".env.example")).toBe(false);
    expect(ignoredByDockerignore("server/jobs/catalog.ts")).toBe(false);
  });

  it("ships an entry point script that is executable and valid sh", () => {
    const script = path.join(ROOT, "scripts/deploy/docker-entrypoint.sh");
    expect(statSync(script).mode & 0o111).not.toBe(0);
    execFileSync("sh", ["-n", script]);
    expect(exists("scripts/deploy/healthcheck.mjs")).toBe(true);
  });

  it("the runtime stage holds every file its roles import, and only production dependencies", () => {
    // What `COPY <source> ./<dest>` puts into /app (from the build context, not from another stage).
    const copied = final.instructions
      .filter((i) => i.getKeyword() === "COPY" && !fromFlag(i))
      .flatMap((i) => args(i).slice(0, -1));
    const inImage = (file: string) => copied.some((source) => file === source || file.startsWith(`${source.replace(/\/$/, "")}/`));
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    // Kept across `npm prune --omit=dev` by the prod-deps stage; generated by `prisma generate` in deps.
    const keptDevDependencies = new Set(["@prisma/schema-engine-wasm"]);
    const missing = new Set<string>();
    const devOnly = new Set<string>();
    const entries = ["worker/index.ts", "scripts/db/migrate.ts", "scripts/deploy/wait-for-migrations.ts", "scripts/deploy/healthcheck.mjs"];
    const seen = new Set<string>();
    const queue = [...entries];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      if (!inImage(file)) missing.add(file);
      if (file.startsWith("server/db/generated/")) continue; // generated in the image, not read from the context
      const source = readFileSync(path.join(ROOT, file), "utf8");
      const specifiers = [...source.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm)]
        .map((m) => m[1] ?? m[2]!);
      for (const specifier of specifiers) {
        if (specifier.startsWith("node:")) continue;
        if (specifier.startsWith(".") || specifier.startsWith("@/")) {
          const base = specifier.startsWith("@/") ? specifier.slice(2) : path.join(path.dirname(file), specifier);
          const resolved = ["", ".ts", ".tsx", ".mjs", ".js", "/index.ts"].map((ext) => base.replace(/\.js$/, "") + ext).find((f) => exists(f) && statSync(path.join(ROOT, f)).isFile());
          if (resolved) queue.push(path.normalize(resolved));
          else if (!base.startsWith("server/db/generated")) missing.add(`${specifier} (from ${file})`);
        } else {
          const name = specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!;
          if (!(name in pkg.dependencies) && !keptDevDependencies.has(name)) devOnly.add(`${name} (from ${file})`);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(30); // the walk really followed the worker's imports
    expect([...missing], "files the image lacks").toEqual([]);
    expect([...devOnly], "imports of packages that `npm prune --omit=dev` removes").toEqual([]);
  });
});
