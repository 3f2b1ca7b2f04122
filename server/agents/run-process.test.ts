import { readdir, readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { collectLines, scratchDir, writeScript } from "./fixtures/helpers";
import { createLineSplitter, runProcess, type TRunProcessOptions } from "./run-process";

/** Live (non-zombie) processes whose process group is pgid, read from /proc. */
async function liveGroupMembers(pgid: number): Promise<number[]> {
  const members: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    const [state, , group] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(group) === pgid && state !== "Z") members.push(Number(entry));
  }
  return members;
}

const SH_TWO_SLEEPS = ["-c", "sleep 100 & sleep 100"];

async function runWithPid(options: Omit<TRunProcessOptions, "onSpawn">) {
  let pid = 0;
  const result = await runProcess({ ...options, onSpawn: (spawned) => (pid = spawned) });
  return { result, pid };
}

describe("createLineSplitter", () => {
  it("joins partial chunks, strips CR of CRLF, flushes the last unterminated line", () => {
    const lines: string[] = [];
    const splitter = createLineSplitter((line) => lines.push(line));
    for (const chunk of ["hel", "lo\r\nwor", "ld\n\n", "tail"]) splitter.push(chunk);
    splitter.end();
    expect(lines).toEqual(["hello", "world", "", "tail"]);
  });

  it("cuts a line at the cap and drops the rest of it up to the newline", () => {
    const lines: string[] = [];
    const splitter = createLineSplitter((line) => lines.push(line), 8);
    for (const chunk of ["0123456", "789abcdef", "ghij\nnext\n", "0123456789\nlast"]) splitter.push(chunk);
    splitter.end();
    expect(lines).toEqual(["01234567", "next", "01234567", "last"]);
  });
});

describe("runProcess", () => {
  it("streams stdout and stderr line by line, passes stdin, reports the exit code", async () => {
    const dir = await scratchDir();
    const script = await writeScript(
      dir,
      "echo.mjs",
      `let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", () => {
  process.stdout.write("first\\r\\nsec");
  setTimeout(() => {
    process.stdout.write("ond\\n" + input.toUpperCase());
    process.stderr.write("warning line\\n");
    process.exitCode = 3;
  }, 50);
});`,
    );
    const lines: string[] = [];
    const result = await runProcess({
      command: process.execPath,
      args: [script],
      cwd: dir,
      env: {},
      stdin: "from stdin",
      onLine: (stream, line) => lines.push(`${stream}:${line}`),
    });
    expect(result).toMatchObject({ exitCode: 3, signal: null, timedOut: false, aborted: false });
    expect(result.durationMs).toBeGreaterThanOrEqual(40);
    expect(lines).toEqual(expect.arrayContaining(["stdout:first", "stdout:second", "stdout:FROM STDIN", "stderr:warning line"]));
  });

  it("gives the child only the env it is given, plus PATH", async () => {
    const dir = await scratchDir();
    process.env.SECRET_PARENT = "do-not-leak";
    try {
      const { lines, onLine } = collectLines();
      await runProcess({
        command: process.execPath,
        args: ["-e", "console.log(JSON.stringify(Object.keys(process.env).sort()))"],
        cwd: dir,
        env: { ONLY_THIS: "1" },
        onLine: (stream, line) => onLine({ stream, line }),
      });
      expect(JSON.parse(lines[0]?.line ?? "[]")).toEqual(["ONLY_THIS", "PATH"]);
    } finally {
      delete process.env.SECRET_PARENT;
    }
  });

  it("on abort kills the whole process group, grandchildren included", async () => {
    const dir = await scratchDir();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const { result, pid } = await runWithPid({ command: "/bin/sh", args: SH_TWO_SLEEPS, cwd: dir, env: {}, signal: controller.signal });
    expect(result).toMatchObject({ aborted: true, timedOut: false, exitCode: null, signal: "SIGTERM" });
    expect(pid).toBeGreaterThan(0);
    expect(await liveGroupMembers(pid)).toEqual([]);
  });

  it("on timeout sends SIGTERM, then SIGKILL to a group that ignores SIGTERM", async () => {
    const dir = await scratchDir();
    const { result, pid } = await runWithPid({
      command: "/bin/sh",
      args: ["-c", "trap '' TERM; sleep 100 & sleep 100 & wait"],
      cwd: dir,
      env: {},
      timeoutMs: 200,
      killGraceMs: 300,
    });
    expect(result).toMatchObject({ timedOut: true, aborted: false, signal: "SIGKILL" });
    expect(result.durationMs).toBeGreaterThanOrEqual(450);
    expect(await liveGroupMembers(pid)).toEqual([]);
  });

  it("takes down what the CLI left running when it exits on its own", async () => {
    const dir = await scratchDir();
    const { result, pid } = await runWithPid({ command: "/bin/sh", args: ["-c", "sleep 100 >/dev/null 2>&1 & echo done"], cwd: dir, env: {} });
    expect(result.exitCode).toBe(0);
    expect(await liveGroupMembers(pid)).toEqual([]);
  });

  it("does not start when the signal is already aborted, and rejects when the command cannot start", async () => {
    const dir = await scratchDir();
    const controller = new AbortController();
    controller.abort();
    const result = await runProcess({ command: "/bin/sh", args: SH_TWO_SLEEPS, cwd: dir, env: {}, signal: controller.signal });
    expect(result).toMatchObject({ aborted: true, exitCode: null, signal: null });
    // Nothing was started (SH_TWO_SLEEPS would take 100 s); a loaded CI machine may still count a millisecond.
    expect(result.durationMs).toBeLessThan(100);
    await expect(runProcess({ command: `${dir}/missing-binary`, args: [], cwd: dir, env: {} })).rejects.toThrow(/could not start/);
  });
});
