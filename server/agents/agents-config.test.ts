import { describe, expect, it } from "vitest";
import { agentsConfigFromEnv, parseAgentsConfig } from "./agents-config";

describe("agents config", () => {
  it("fills defaults: empty CLI settings, thresholds 30/30, no custom agents", () => {
    const config = parseAgentsConfig({ projectRoot: "/p" });
    expect(config.claude).toEqual({ extraArgs: [] });
    expect(config.compression).toEqual({ low: 30, jump: 30 });
    expect(config.custom).toEqual([]);
  });

  it("reads CLI overrides, thresholds and AGENTS_CUSTOM from env values", () => {
    const config = agentsConfigFromEnv(
      {
        AGENT_CLAUDE_BIN: "/opt/claude",
        AGENT_CLAUDE_MODEL: "claude-sonnet-4-5",
        AGENT_CLAUDE_EXTRA_ARGS: '["--permission-mode", "bypassPermissions"]',
        AGENT_QWEN_BASE_URL: "http://127.0.0.1:8789/v1",
        AGENT_QWEN_API_KEY: "sk-fake",
        AGENT_GEMINI_MODEL: "",
        COMPRESSION_THRESHOLD_LOW: "25",
        AGENTS_CUSTOM: JSON.stringify([{ id: "aider", label: "Aider", command: ["aider", "--message", "{prompt}"], output: "text" }]),
      },
      "/p",
    );
    expect(config.claude).toEqual({ binaryPath: "/opt/claude", model: "claude-sonnet-4-5", extraArgs: ["--permission-mode", "bypassPermissions"] });
    expect(config.qwen).toMatchObject({ baseUrl: "http://127.0.0.1:8789/v1", apiKey: "sk-fake" });
    expect(config.gemini.model).toBeUndefined();
    expect(config.compression).toEqual({ low: 25, jump: 30 });
    expect(config.custom[0]).toMatchObject({ id: "aider", resumeArgs: [], stdin: "none", env: {} });
  });

  it("rejects bad values with a message naming the field", () => {
    expect(() => agentsConfigFromEnv({ AGENTS_CUSTOM: "[{" }, "/p")).toThrow(/AGENTS_CUSTOM is not valid JSON/);
    expect(() => agentsConfigFromEnv({ COMPRESSION_THRESHOLD_LOW: "150" }, "/p")).toThrow(/compression\.low/);
    expect(() => agentsConfigFromEnv({ AGENT_CLAUDE_BASE_URL: "not a url" }, "/p")).toThrow(/claude\.baseUrl/);
    const custom = (agents: unknown[]) => agentsConfigFromEnv({ AGENTS_CUSTOM: JSON.stringify(agents) }, "/p");
    const agent = { id: "x", label: "X", command: ["x"], output: "text" };
    expect(() => custom([{ ...agent, id: "claude" }])).toThrow(/taken by a built-in agent/);
    expect(() => custom([{ ...agent, id: "sim-mine" }])).toThrow(/taken by a built-in agent/);
    expect(() => custom([agent, agent])).toThrow(/unique/);
    expect(() => custom([{ ...agent, output: "xml" }])).toThrow(/custom\[0\]\.output/);
    expect(() => custom([{ ...agent, command: [] }])).toThrow(/custom\[0\]\.command/);
  });
});
