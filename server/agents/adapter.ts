import type { TAgentsConfig, TBuiltinAgentId } from "./agents-config";
import { openCliSession, type TCliSessionSpec, type TTurnInput } from "./cli-session";
import type { TEnvProfile } from "./isolated-env";
import { candidatePaths, resolveCli, type TCommand, type TDetectResult, type TResolvedCli } from "./resolve-cli";
import type { TAgentInfo, TAgentSession, TOpenSessionOptions } from "./types";

// The interface every agent implements, and the two ways adapters are built from it:
// any CLI that runs once per turn (createCliAdapter), and the vendor CLIs resolved from node_modules (createVendorCliAdapter).

export type TAgentAdapter = {
  id: string;
  label: string;
  kind: TAgentInfo["kind"];
  simulated: boolean;
  /** Installed or not (and why), version and binary; probed once per binary and cached. */
  detect(): Promise<TDetectResult>;
  /** Throws when the agent is not installed. */
  openSession(options: TOpenSessionOptions): Promise<TAgentSession>;
};

export type { TDetectResult };

export type TCliAdapterSpec = Pick<TAgentAdapter, "id" | "label" | "kind" | "simulated"> & {
  resolve(): Promise<TResolvedCli>;
  /** Everything the session needs once the command is known. */
  session(command: TCommand, options: TOpenSessionOptions): Omit<TCliSessionSpec, "agentId" | "options">;
};

export function createCliAdapter(spec: TCliAdapterSpec): TAgentAdapter {
  return {
    id: spec.id,
    label: spec.label,
    kind: spec.kind,
    simulated: spec.simulated,
    async detect() {
      const { command: _command, ...detected } = await spec.resolve();
      return detected;
    },
    async openSession(options) {
      const resolved = await spec.resolve();
      if (!resolved.installed || !resolved.command) throw new Error(`${spec.label} cannot run: ${resolved.problem ?? "not installed"}`);
      return openCliSession({ agentId: spec.id, options, ...spec.session(resolved.command, options) });
    },
  };
}

/** The task's context limit as a fraction of a CLI's window (for CLIs configured by ratio); undefined when it does not fit. */
export function contextFraction(options: TOpenSessionOptions | undefined, window: number): number | undefined {
  const limit = options?.contextTokenLimit ?? 0;
  return limit > 0 && limit < window ? Number((limit / window).toFixed(4)) : undefined;
}

export type TVendorCliSpec = {
  id: TBuiltinAgentId;
  label: string;
  /** Entry points tried in order, relative to projectRoot. */
  entries: string[];
  installHint: string;
  /** The CLI's isolation; options is undefined for the version probe. */
  profile(options: TOpenSessionOptions | undefined): TEnvProfile;
  /** The CLI's arguments for one turn (extraArgs from config are appended). */
  args(input: TTurnInput): string[];
  /** Called once per session, so parsers and file trackers can keep state across its turns. */
  hooks(): Pick<TCliSessionSpec, "createParser" | "afterTurn" | "beforeTurn">;
};

export function createVendorCliAdapter(config: TAgentsConfig, spec: TVendorCliSpec): TAgentAdapter {
  const cli = config[spec.id];
  const envName = `AGENT_${spec.id.toUpperCase()}_BIN`;
  return createCliAdapter({
    id: spec.id,
    label: spec.label,
    kind: "cli",
    simulated: false,
    resolve: () =>
      resolveCli({
        label: spec.label,
        candidates: candidatePaths(config.projectRoot, cli.binaryPath, spec.entries),
        installHint: cli.binaryPath ? `the configured ${envName}` : `${spec.installHint}, or set ${envName}`,
        versionArgs: ["--version"],
        timeoutMs: config.versionTimeoutMs,
        profile: spec.profile(undefined),
      }),
    session: (command, options) => ({
      profile: spec.profile(options),
      ...spec.hooks(),
      buildTurn: (input) => ({ command: command.command, args: [...command.prefixArgs, ...spec.args(input), ...cli.extraArgs] }),
    }),
  });
}
