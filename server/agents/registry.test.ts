import { mkdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { parseAgentsConfig } from "./agents-config";
import { projectWithFakeSim, SIM_PROFILE_IDS } from "./fixtures/fake-sim";
import { scratchDir, writeScript } from "./fixtures/helpers";
import { getAdapter, listAgents, openAgentSession } from "./registry";

const SIM_MODEL_IDS = ["claude", "gemini", "qwen"].flatMap((cli) => [`${cli}.sim-thorough`, `${cli}.sim-lossy`]);
const options = (runDir: string) => ({ runDir, seed: 1, contextTokenLimit: 1000, onLine: () => {} });

describe("registry", () => {
  it("lists every sim profile as an installed simulated agent and the absent CLIs as not installed, with the reason", async () => {
    const projectRoot = await projectWithFakeSim();
    const agents = await listAgents(parseAgentsConfig({ projectRoot }));
    expect(agents.map((agent) => agent.id)).toEqual(["claude", "gemini", "qwen", "iflow", ...SIM_MODEL_IDS, ...SIM_PROFILE_IDS]);

    const sims = agents.filter((agent) => agent.kind === "sim");
    for (const sim of sims) {
      expect(sim).toMatchObject({ simulated: true, installed: true, binaryPath: path.join(projectRoot, "bin/sim-agent.mjs") });
    }
    expect(sims.find((sim) => sim.id === "sim-weak")?.label).toBe("Simulated (weak)");

    const clis = agents.filter((agent) => agent.kind === "cli" && !agent.simulated);
    for (const cli of clis) expect(cli).toMatchObject({ simulated: false, installed: false, problem: expect.stringContaining("is not installed") });
    const problemOf = (id: string) => clis.find((cli) => cli.id === id)?.problem;
    expect(problemOf("claude")).toContain(path.join(projectRoot, "node_modules/@anthropic-ai/claude-code/bin/claude.exe"));
    expect(problemOf("claude")).toContain("npm install @anthropic-ai/claude-code, or set AGENT_CLAUDE_BIN");
    expect(problemOf("gemini")).toContain("npm install @google/gemini-cli");
    expect(problemOf("qwen")).toContain("npm install @qwen-code/qwen-code");
    expect(problemOf("iflow")).toContain("not published on the npm registry");
    // A CLI on the model simulator is as installed as the CLI itself.
    const onSim = agents.filter((agent) => agent.kind === "cli" && agent.simulated);
    expect(onSim.map((agent) => agent.id)).toEqual(SIM_MODEL_IDS);
    expect(onSim.find((agent) => agent.id === "claude.sim-lossy")).toMatchObject({ installed: false, problem: problemOf("claude"), label: "Claude Code on the model simulator (lossy)" });
  });

  it("finds a CLI in the project's node_modules, never on PATH", async () => {
    const projectRoot = await scratchDir();
    const bin = path.join(projectRoot, "node_modules/@qwen-code/qwen-code");
    await mkdir(bin, { recursive: true });
    await writeScript(bin, "cli-entry.js", 'console.log("0.24.4");\n');
    const agents = await listAgents(parseAgentsConfig({ projectRoot }));
    expect(agents.find((agent) => agent.id === "qwen")).toMatchObject({ installed: true, version: "0.24.4", binaryPath: path.join(bin, "cli-entry.js") });
  });

  it("lists the default sim agents as not installed when the script is missing or cannot list its profiles", async () => {
    const missing = await listAgents(parseAgentsConfig({ projectRoot: await scratchDir() }));
    const sims = missing.filter((agent) => agent.kind === "sim");
    expect(sims.map((agent) => agent.id)).toEqual(["sim-strong", "sim-weak"]);
    expect(sims[0]).toMatchObject({ installed: false, problem: expect.stringContaining("bin/sim-agent.mjs") });

    const dir = await scratchDir();
    await writeScript(dir, "broken.mjs", "process.exit(2);\n");
    const broken = await listAgents(parseAgentsConfig({ projectRoot: dir, simScript: "broken.mjs" }));
    expect(broken.find((agent) => agent.id === "sim-strong")).toMatchObject({
      installed: false,
      problem: expect.stringContaining("--list-profiles failed"),
    });
  });

  it("lists custom agents after the built-in ones", async () => {
    const projectRoot = await projectWithFakeSim();
    const config = parseAgentsConfig({
      projectRoot,
      custom: [{ id: "my-cli", label: "My CLI", command: [process.execPath, "-e", "0"], output: "text" }],
    });
    expect((await listAgents(config)).at(-1)).toMatchObject({ id: "my-cli", kind: "custom", simulated: false, installed: true });
  });

  it("throws a clear NOT_FOUND error for an unknown agent, and refuses to open an uninstalled one", async () => {
    const projectRoot = await projectWithFakeSim();
    const config = parseAgentsConfig({ projectRoot });
    const unknown = getAdapter(config, "gpt-9");
    await expect(unknown).rejects.toBeInstanceOf(AppError);
    await expect(unknown).rejects.toThrow(`Unknown agent "gpt-9" (known agents: claude, gemini, qwen, iflow, ${SIM_MODEL_IDS.join(", ")}, sim-strong, sim-weak, sim-amnesiac)`);
    await expect(openAgentSession(config, "claude", options(path.join(projectRoot, "run")))).rejects.toThrow(/Claude Code cannot run: .*not installed/);
  });
});
