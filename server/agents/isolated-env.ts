import { cp, mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

// A private environment for one agent run under runDir: its own HOME, XDG dirs and TMPDIR, the CLI's settings
// files and no-telemetry switches, and the agent's own keys. Nothing of the parent's environment is passed on
// (run-process adds PATH). dispose() deletes it all but runDir/keep, where the session files the bundle needs are copied.
// TMPDIR sits under runDir when that path is short; otherwise it is a fresh folder in the system temp dir, because the
// CLIs create Unix sockets there (Claude Code: <TMPDIR>/cc-socks/<pid>.sock) and a socket path has at most 107 bytes:
// past that, Claude falls back to a shared /tmp/cc-socks-<uid>.

export type TRunDirs = {
  runDir: string;
  home: string;
  tmp: string;
  /** Survives dispose: session and telemetry files for the bundle. */
  keep: string;
};

/** What one CLI needs on top of the common isolation. */
export type TEnvProfile = {
  env?: (dirs: TRunDirs) => Record<string, string | undefined>;
  /** Files to write before the first turn, relative to HOME; objects are written as JSON. */
  files?: (dirs: TRunDirs) => Record<string, string | object>;
  /** Paths relative to HOME copied to keep/ by dispose. */
  keep?: string[];
};

export type TIsolatedEnv = TRunDirs & {
  env: Record<string, string>;
  dispose(): Promise<void>;
};

/** Longest TMPDIR kept under runDir: leaves room for the sockets the CLIs create in it. */
export const MAX_TMPDIR_LENGTH = 64;

export type TIsolatedEnvOptions = {
  runDir: string;
  profile: TEnvProfile;
  /** Claude refuses bypass-permissions mode as root unless IS_SANDBOX=1. Defaults to the current uid. */
  isRoot?: boolean;
};

const exists = (file: string) => stat(file).then(
  () => true,
  () => false,
);

export async function createIsolatedEnv({ runDir, profile, isRoot }: TIsolatedEnvOptions): Promise<TIsolatedEnv> {
  const root = path.resolve(runDir);
  const localTmp = path.join(root, "tmp");
  const tmp = localTmp.length <= MAX_TMPDIR_LENGTH ? localTmp : await mkdtemp(path.join(os.tmpdir(), "mb-agent-tmp-"));
  const dirs: TRunDirs = { runDir: root, home: path.join(root, "home"), tmp, keep: path.join(root, "keep") };
  const xdg = {
    XDG_CONFIG_HOME: path.join(dirs.home, ".config"),
    XDG_CACHE_HOME: path.join(dirs.home, ".cache"),
    XDG_DATA_HOME: path.join(dirs.home, ".local", "share"),
    XDG_STATE_HOME: path.join(dirs.home, ".local", "state"),
  };
  for (const dir of [dirs.home, dirs.tmp, dirs.keep, ...Object.values(xdg)]) await mkdir(dir, { recursive: true });

  const env: Record<string, string> = {
    HOME: dirs.home,
    USERPROFILE: dirs.home,
    ...xdg,
    TMPDIR: dirs.tmp,
    TMP: dirs.tmp,
    TEMP: dirs.tmp,
    LANG: "C.UTF-8",
    TERM: "dumb",
    NO_COLOR: "1",
    DO_NOT_TRACK: "1",
    NO_UPDATE_NOTIFIER: "1",
  };
  if (isRoot ?? process.getuid?.() === 0) env.IS_SANDBOX = "1";
  for (const [key, value] of Object.entries(profile.env?.(dirs) ?? {})) if (value !== undefined) env[key] = value;

  for (const [relative, content] of Object.entries(profile.files?.(dirs) ?? {})) {
    const file = path.join(dirs.home, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, typeof content === "string" ? content : `${JSON.stringify(content, null, 2)}\n`);
  }

  let disposed = false;
  return {
    ...dirs,
    env,
    async dispose() {
      if (disposed) return;
      disposed = true;
      for (const relative of profile.keep ?? []) {
        const from = path.join(dirs.home, relative);
        if (await exists(from)) await cp(from, path.join(dirs.keep, relative), { recursive: true, force: true });
      }
      await rm(dirs.home, { recursive: true, force: true });
      await rm(dirs.tmp, { recursive: true, force: true });
    },
  };
}
