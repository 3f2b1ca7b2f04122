import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAgentsConfig } from "./agents-config";
import { createCustomAdapter, customCandidates, renderArgs } from "./custom";
import { scratchDir, turnOptions, writeScript } from "./fixtures/helpers";

const values = { prompt: "explain; rm -rf / && echo $HOME `id`", sessionId: "s-1", cwd: "/work/repo" };

describe("renderArgs", () => {
  it("substitutes placeholders inside each argument and never splits one", () => {
    expect(renderArgs(["--prompt", "{prompt}", "--session={sessionId}", "-C", "{cwd}", "{unknown}", "$HOME"], values)).toEqual([
      "--prompt",
      "explain; rm -rf / && echo $HOME `id`",
      "--session=s-1",
      "-C",
      "/work/repo",
      "{unknown}",
      "$HOME",
    ]);
  });

  it("does not interpret replacement patterns in values", () => {
    expect(renderArgs(["{prompt}{prompt}"], { ...values, prompt: "$& $1 {cwd}" })).toEqual(["$& $1 {cwd}$& $1 {cwd}"]);
  });
});

describe("customCandidates", () => {
  it("takes absolute paths as they are, relative ones from projectRoot, bare names from PATH", () => {
    expect(customCandidates("/opt/cli", "/p")).toEqual(["/opt/cli"]);
    expect(customCandidates("./tools/cli.mjs", "/p")).toEqual(["/p/tools/cli.mjs"]);
    expect(customCandidates("aider", "/p", "/usr/bin:/bin")).toEqual(["/usr/bin/aider", "/bin/aider"]);
  });
});

// Prints its argv as one JSON line (text output), so the test sees exactly what it was given.
const ECHO_ARGV = `console.log(JSON.stringify(process.argv.slice(2)));
console.log("second line; env KEY=" + process.env.CUSTOM_KEY);
`;

describe("custom adapter", () => {
  it("runs the template without a shell: a prompt with '; rm -rf /' stays one argument", async () => {
    const dir = await scratchDir();
    await writeScript(dir, "echo-argv.mjs", ECHO_ARGV);
    const config = parseAgentsConfig({
      projectRoot: dir,
      custom: [
        {
          id: "echo",
          label: "Echo",
          command: ["./echo-argv.mjs", "ask", "{prompt}", "--in={cwd}", "--session", "{sessionId}"],
          resumeArgs: ["--resume", "{sessionId}"],
          output: "text",
          env: { CUSTOM_KEY: "k1" },
        },
      ],
    });
    const adapter = createCustomAdapter(config, config.custom[0]!);
    expect(await adapter.detect()).toEqual({ installed: true, binaryPath: path.join(dir, "echo-argv.mjs") });
    const session = await adapter.openSession({ runDir: path.join(dir, "run"), seed: 1, contextTokenLimit: 1000, onLine: () => {} });
    const sessionId = session.sessionId;
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);

    const first = await session.turn(values.prompt, turnOptions(dir));
    const [argvLine, envLine] = first.text.split("\n");
    expect(JSON.parse(argvLine ?? "[]")).toEqual(["ask", values.prompt, `--in=${dir}`, "--session", sessionId]);
    expect(envLine).toBe("second line; env KEY=k1");

    const second = await session.turn("again", turnOptions(dir));
    expect(JSON.parse(second.text.split("\n")[0] ?? "[]")).toEqual(["ask", "again", `--in=${dir}`, "--session", sessionId, "--resume", sessionId]);
    await session.dispose();
  });

  it("reports a missing command as not installed", async () => {
    const dir = await scratchDir();
    const config = parseAgentsConfig({ projectRoot: dir, custom: [{ id: "gone", label: "Gone", command: ["./nope"], output: "jsonl-claude" }] });
    const detected = await createCustomAdapter(config, config.custom[0]!).detect();
    expect(detected).toMatchObject({ installed: false, problem: expect.stringContaining("check its command in AGENTS_CUSTOM") });
  });
});

describe("a session turn that does not finish", () => {
  const sleeper = async () => {
    const dir = await scratchDir();
    const config = parseAgentsConfig({
      projectRoot: dir,
      custom: [{ id: "sleeper", label: "Sleeper", command: [process.execPath, "-e", "setTimeout(() => {}, 100000)"], output: "text" }],
    });
    const session = await createCustomAdapter(config, config.custom[0]!).openSession({
      runDir: path.join(dir, "run"),
      seed: 1,
      contextTokenLimit: 1000,
      onLine: () => {},
    });
    return { dir, session };
  };

  it("returns an error result when it times out", async () => {
    const { dir, session } = await sleeper();
    const result = await session.turn("hi", turnOptions(dir, 200));
    expect(result).toMatchObject({ isError: true, timedOut: true, error: "timed out after 200 ms", exitCode: null });
    await session.dispose();
  });

  it("rejects with the signal's reason when it is aborted", async () => {
    const { dir, session } = await sleeper();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("task cancelled")), 200);
    await expect(session.turn("hi", { cwd: dir, signal: controller.signal, timeoutMs: 20_000 })).rejects.toThrow("task cancelled");
    await session.dispose();
  });
});
