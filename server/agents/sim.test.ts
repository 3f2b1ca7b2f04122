import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAgentsConfig } from "./agents-config";
import { projectWithFakeSim } from "./fixtures/fake-sim";
import { collectLines, turnOptions } from "./fixtures/helpers";
import { openAgentSession } from "./registry";

describe("sim adapter over a fake sim-agent script", () => {
  it("passes profile, session dir, seed and context limit as arguments, the prompt on stdin, and resumes", async () => {
    const projectRoot = await projectWithFakeSim();
    const config = parseAgentsConfig({ projectRoot });
    const runDir = path.join(projectRoot, "run");
    const { lines, onLine } = collectLines();
    const session = await openAgentSession(config, "sim-weak", { runDir, seed: 7, contextTokenLimit: 32_000, onLine });
    const first = await session.turn("study the change", turnOptions(projectRoot));
    const init = JSON.parse(lines.find((line) => line.stream === "stdout")?.line ?? "{}");
    const sessionDir = path.join(runDir, "keep/sim-session");
    expect(init.argv).toEqual(["--profile", "sim-weak", "--session-dir", sessionDir, "--seed", "7", "--context-limit", "32000"]);
    expect(first).toMatchObject({ sessionId: "sim-session-7", text: "sim-weak heard: study the change", toolCalls: 1, compressions: [] });

    const second = await session.turn("go deeper", turnOptions(projectRoot));
    expect(second.compressions).toEqual([{ trigger: "auto", tokensBefore: 9000, tokensAfter: 3000, source: "stdout" }]);
    expect(second.usage).toEqual({ inputTokens: 50, outputTokens: 7, contextTokens: 3100 });
    await session.dispose();
    expect(await readdir(sessionDir)).toEqual(["sim-session-7.jsonl"]);
  });
});
