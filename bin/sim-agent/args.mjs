import { parseArgs } from "node:util";

// argv → options; throws a UsageError (exit 2) on anything wrong.

export class UsageError extends Error {}

export const USAGE =
  "usage: sim-agent --profile <id> --session-dir <dir> --seed <n> --context-limit <tokens> [--resume <sessionId>] < prompt\n" +
  "       sim-agent --list-profiles | --version";

export function readArgs(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        profile: { type: "string" },
        "session-dir": { type: "string" },
        seed: { type: "string" },
        "context-limit": { type: "string" },
        resume: { type: "string" },
        "list-profiles": { type: "boolean" },
        version: { type: "boolean" },
      },
    }));
  } catch (error) {
    throw new UsageError(error.message);
  }
  if (values["list-profiles"]) return { command: "list-profiles" };
  if (values.version) return { command: "version" };
  for (const name of ["profile", "session-dir", "seed", "context-limit"]) {
    if (values[name] === undefined) throw new UsageError(`missing --${name}`);
  }
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be an integer, got "${values.seed}"`);
  const contextLimit = Number(values["context-limit"]);
  if (!Number.isSafeInteger(contextLimit) || contextLimit < 100) {
    throw new UsageError(`--context-limit must be an integer of at least 100 tokens, got "${values["context-limit"]}"`);
  }
  if (values.resume !== undefined && !/^[\w-]{1,100}$/.test(values.resume)) throw new UsageError(`--resume: invalid session id "${values.resume}"`);
  return {
    command: "turn",
    profile: values.profile,
    sessionDir: values["session-dir"],
    seed,
    contextLimit,
    resume: values.resume,
  };
}
