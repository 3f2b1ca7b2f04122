import { randomUUID } from "node:crypto";
import path from "node:path";
import { createCliAdapter, type TAgentAdapter } from "./adapter";
import type { TAgentsConfig, TCustomAgentConfig } from "./agents-config";
import { createClaudeParser } from "./claude";
import { createTextParser, type TLineParser } from "./line-parser";
import { resolveCli } from "./resolve-cli";
import { inheritedPath } from "./run-process";
import { createSimParser } from "./sim";

// Custom agents declared in config: an argv template and an output format. Placeholders are substituted inside
// each argument, so a prompt stays one argument whatever it contains; nothing goes through a shell.

export type TTemplateValues = { prompt: string; sessionId: string; cwd: string };

const PLACEHOLDER = /\{(prompt|sessionId|cwd)\}/g;

export function renderArgs(template: string[], values: TTemplateValues): string[] {
  return template.map((arg) => arg.replace(PLACEHOLDER, (_match, name: keyof TTemplateValues) => values[name]));
}

const PARSERS: Record<TCustomAgentConfig["output"], () => TLineParser> = {
  text: createTextParser,
  "jsonl-claude": createClaudeParser,
  "jsonl-sim": createSimParser,
};

/**
 * Where the executable may be: an absolute path, a path relative to projectRoot, or a bare name looked up on PATH
 * (explicitly: the agent's author named it).
 */
export function customCandidates(executable: string, projectRoot: string, searchPath = inheritedPath()): string[] {
  if (path.isAbsolute(executable)) return [executable];
  if (executable.includes("/")) return [path.resolve(projectRoot, executable)];
  return searchPath
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, executable));
}

export function createCustomAdapter(config: TAgentsConfig, agent: TCustomAgentConfig): TAgentAdapter {
  const [executable = "", ...template] = agent.command;
  return createCliAdapter({
    id: agent.id,
    label: agent.label,
    kind: "custom",
    simulated: false,
    resolve: () =>
      resolveCli({
        label: agent.label,
        candidates: customCandidates(executable, config.projectRoot),
        installHint: `custom agent "${agent.id}": check its command in AGENTS_CUSTOM`,
        versionArgs: null,
        timeoutMs: config.versionTimeoutMs,
        profile: {},
      }),
    session: (command) => ({
      profile: { env: () => agent.env },
      createParser: PARSERS[agent.output],
      initialSessionId: randomUUID(),
      buildTurn: ({ prompt, sessionId, resume, cwd }) => {
        const values = { prompt, sessionId: sessionId ?? "", cwd };
        return {
          command: command.command,
          args: [...command.prefixArgs, ...renderArgs(template, values), ...(resume ? renderArgs(agent.resumeArgs, values) : [])],
          stdin: agent.stdin === "prompt" ? prompt : undefined,
        };
      },
    }),
  });
}
