import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDir } from "./fixtures/helpers";
import { createIsolatedEnv, MAX_TMPDIR_LENGTH, type TEnvProfile } from "./isolated-env";

const exists = (file: string) => stat(file).then(
  () => true,
  () => false,
);

const profile: TEnvProfile = {
  env: (dirs) => ({ CLI_CONFIG_DIR: path.join(dirs.home, ".cli"), CLI_API_KEY: "key-1", UNSET: undefined }),
  files: () => ({ ".cli/settings.json": { telemetry: { enabled: false } }, ".clirc": "plain=1\n" }),
  keep: [".cli/projects", ".cli/missing"],
};

describe("createIsolatedEnv", () => {
  it("builds a private HOME, XDG dirs and TMPDIR under runDir with the CLI's settings and keys", async () => {
    const runDir = await scratchDir();
    const isolated = await createIsolatedEnv({ runDir, profile, isRoot: false });
    expect(isolated.home).toBe(path.join(runDir, "home"));
    expect(isolated.env).toMatchObject({
      HOME: isolated.home,
      XDG_CONFIG_HOME: path.join(isolated.home, ".config"),
      TMPDIR: isolated.tmp,
      CLI_CONFIG_DIR: path.join(isolated.home, ".cli"),
      CLI_API_KEY: "key-1",
      DO_NOT_TRACK: "1",
    });
    expect(isolated.env).not.toHaveProperty("UNSET");
    expect(isolated.env).not.toHaveProperty("IS_SANDBOX");
    expect(isolated.env).not.toHaveProperty("PATH"); // run-process adds it
    expect(JSON.parse(await readFile(path.join(isolated.home, ".cli/settings.json"), "utf8"))).toEqual({ telemetry: { enabled: false } });
    expect(await readFile(path.join(isolated.home, ".clirc"), "utf8")).toBe("plain=1\n");
    expect(await exists(isolated.tmp)).toBe(true);
  });

  it("puts TMPDIR in the system temp dir when runDir is too deep for the CLIs' sockets, and removes it", async () => {
    const runDir = path.join(await scratchDir(), "tasks", "0".repeat(36), "runs", "1".repeat(36), "agent");
    const isolated = await createIsolatedEnv({ runDir, profile: {} });
    expect(isolated.tmp.length).toBeLessThanOrEqual(MAX_TMPDIR_LENGTH);
    expect(isolated.tmp.startsWith(path.join(os.tmpdir(), "mb-agent-tmp-"))).toBe(true);
    expect(isolated.env.TMPDIR).toBe(isolated.tmp);
    await isolated.dispose();
    expect(await exists(isolated.tmp)).toBe(false);
  });

  it("sets IS_SANDBOX=1 when running as root (Claude's bypass-permissions mode needs it)", async () => {
    const isolated = await createIsolatedEnv({ runDir: await scratchDir(), profile: {}, isRoot: true });
    expect(isolated.env.IS_SANDBOX).toBe("1");
  });

  it("dispose keeps the session files under runDir/keep and removes the rest", async () => {
    const runDir = await scratchDir();
    const isolated = await createIsolatedEnv({ runDir, profile });
    await mkdir(path.join(isolated.home, ".cli/projects/p1"), { recursive: true });
    await writeFile(path.join(isolated.home, ".cli/projects/p1/session.jsonl"), "{}\n");
    await writeFile(path.join(isolated.keep, "telemetry.log"), "{}\n");
    await isolated.dispose();
    await isolated.dispose(); // idempotent
    expect(await exists(isolated.home)).toBe(false);
    expect(await exists(isolated.tmp)).toBe(false);
    expect(await readFile(path.join(runDir, "keep/.cli/projects/p1/session.jsonl"), "utf8")).toBe("{}\n");
    expect(await exists(path.join(runDir, "keep/telemetry.log"))).toBe(true);
  });
});
