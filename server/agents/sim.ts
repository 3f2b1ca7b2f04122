import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { createCliAdapter, type TAgentAdapter } from "./adapter";
import type { TAgentsConfig } from "./agents-config";
import { appendText, createJsonLineParser, num, record, startToolCall, str, type TEventHandler } from "./line-parser";
import { resolveCli } from "./resolve-cli";
import { runProcess } from "./run-process";

// The simulated agent shipped with the project (bin/sim-agent.mjs, run with this Node): one agent per profile it lists.
// argv: --profile <id> --session-dir <dir> --seed <n> --context-limit <tokens> [--resume <id>]; prompt on stdin; JSONL out.

export const DEFAULT_SIM_SCRIPT = "bin/sim-agent.mjs";
const DEFAULT_PROFILES: TSimProfile[] = [
  { id: "sim-strong", label: "Simulated agent (strong memory)" },
  { id: "sim-weak", label: "Simulated agent (weak memory)" },
];

const ZSimProfiles = z.array(z.looseObject({ id: z.string().min(1), label: z.string().min(1), retention: z.number().optional() }));
export type TSimProfile = { id: string; label: string; retention?: number };

export const handleSimEvent: TEventHandler = (event, draft) => {
  const sessionId = str(event.session_id);
  if (sessionId) draft.sessionId = sessionId;
  if (event.type === "tool") startToolCall(draft);
  else if (event.type === "assistant") appendText(draft, str(event.text) ?? "");
  else if (event.type === "compression") {
    const trigger = str(event.trigger);
    draft.compressions.push({
      trigger: trigger === "auto" || trigger === "manual" ? trigger : "unknown",
      tokensBefore: num(event.tokens_before),
      tokensAfter: num(event.tokens_after),
      source: "stdout",
    });
  } else if (event.type === "result") {
    const usage = record(event.usage) ?? {};
    draft.usage.inputTokens = num(usage.input_tokens) ?? 0;
    draft.usage.outputTokens = num(usage.output_tokens) ?? 0;
    const context = num(usage.context_tokens);
    if (context !== undefined) draft.usage.contextTokens = context;
    if (event.is_error === true) {
      draft.isError = true;
      draft.error = str(event.error) ?? "the simulated agent reported an error";
    }
  }
};

export const createSimParser = () => createJsonLineParser(handleSimEvent);

export const simScriptPath = (config: TAgentsConfig) => path.resolve(config.projectRoot, config.simScript ?? DEFAULT_SIM_SCRIPT);

const profileCache = new Map<string, Promise<TSimProfile[]>>();

/** The profiles the script lists (`--list-profiles`), cached per script version; throws when it cannot say. */
export async function listSimProfiles(script: string, timeoutMs: number): Promise<TSimProfile[]> {
  const { mtimeMs } = await stat(script);
  const key = `${script}\0${mtimeMs}`;
  let listing = profileCache.get(key);
  if (!listing) {
    listing = (async () => {
      const scratch = await mkdtemp(path.join(os.tmpdir(), "mb-sim-profiles-"));
      const lines: string[] = [];
      try {
        const run = await runProcess({
          command: process.execPath,
          args: [script, "--list-profiles"],
          cwd: scratch,
          env: { HOME: scratch, TMPDIR: scratch },
          timeoutMs,
          onLine: (stream, line) => stream === "stdout" && lines.push(line),
        });
        if (run.exitCode !== 0) throw new Error(`${script} --list-profiles exited ${run.exitCode ?? run.signal}`);
        return ZSimProfiles.parse(JSON.parse(lines.join("\n")));
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    })();
    listing.catch(() => profileCache.delete(key));
    profileCache.set(key, listing);
  }
  return listing;
}

export function createSimAdapter(config: TAgentsConfig, profile: TSimProfile, listingProblem?: string): TAgentAdapter {
  const script = simScriptPath(config);
  const id = profile.id.startsWith("sim-") ? profile.id : `sim-${profile.id}`;
  return createCliAdapter({
    id,
    label: profile.label,
    kind: "sim",
    simulated: true,
    resolve: async () => {
      const resolved = await resolveCli({
        label: "The simulated agent",
        candidates: [script],
        installHint: "it ships with the project; set SIM_AGENT_SCRIPT if it moved",
        versionArgs: null,
        timeoutMs: config.versionTimeoutMs,
        profile: {},
      });
      return resolved.installed && listingProblem ? { ...resolved, installed: false, problem: listingProblem } : resolved;
    },
    session: (command, options) => ({
      profile: {},
      createParser: createSimParser,
      buildTurn: ({ prompt, sessionId, resume, env }) => ({
        command: command.command,
        args: [
          ...command.prefixArgs,
          ...["--profile", profile.id, "--session-dir", path.join(env.keep, "sim-session")],
          ...["--seed", String(options.seed), "--context-limit", String(options.contextTokenLimit)],
          ...(resume && sessionId ? ["--resume", sessionId] : []),
        ],
        stdin: prompt,
      }),
    }),
  });
}

/** One adapter per listed profile; the default profiles (not installed, with the reason) when the script cannot list them. */
export async function createSimAdapters(config: TAgentsConfig): Promise<TAgentAdapter[]> {
  const script = simScriptPath(config);
  try {
    const profiles = await listSimProfiles(script, config.versionTimeoutMs);
    return profiles.map((profile) => createSimAdapter(config, profile));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    const problem = missing ? undefined : `${script} --list-profiles failed: ${(error as Error).message}`;
    return DEFAULT_PROFILES.map((profile) => createSimAdapter(config, profile, problem));
  }
}
