import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import type { TQuestion } from "../model";
import { evaluationJsonl } from "./evaluation-jsonl";
import { writeTaskBundle } from "./write-bundle";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "mb-bundle-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Reads every entry of a zip file into memory (small bundles only) or just its size (`sizesOnly`). */
async function readZip(file: string, sizesOnly = false): Promise<Map<string, string | number>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))),
  );
  const entries = new Map<string, string | number>();
  await new Promise<void>((resolve, reject) => {
    zip.on("error", reject);
    zip.on("end", () => resolve());
    zip.on("entry", (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on("data", (c: Buffer) => {
          size += c.length;
          if (!sizesOnly) chunks.push(c);
        });
        stream.on("error", reject);
        stream.on("end", () => {
          entries.set(entry.fileName, sizesOnly ? size : Buffer.concat(chunks).toString("utf8"));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return entries;
}

const questions: TQuestion[] = [{ id: "AR-1", dimension: "AR", kind: "fact", prompt: "Which file?", groundTruth: { kind: "contains", expected: ["a.ts"] } }];

describe("writeTaskBundle", () => {
  it("writes every entry, streams files from disk and lists missing ones", async () => {
    const transcript = path.join(dir, "t1.jsonl");
    const log = path.join(dir, "sim.log");
    await writeFile(transcript, '{"role":"user","text":"hi"}\n{"role":"agent","text":"a.ts"}\n');
    await writeFile(log, "line 1\nline 2\n");
    const scores = { overall: 1, passed: true };
    const jsonl = evaluationJsonl(
      [{ id: "run-1", agentId: "sim/fast", trial: 1, answers: [{ questionKey: "AR-1", phase: "evaluation", text: "a.ts", score: 1, judge: "reference", rationale: "ok" }] }],
      questions.map((q) => ({ key: q.id, dimension: q.dimension, kind: q.kind, prompt: q.prompt })),
    );
    const stream = writeTaskBundle({
      task: { id: "task-1", title: "Demo" },
      questions,
      runs: [
        { agentId: "sim/fast", trial: 1, transcriptPath: transcript, logPath: log, scores },
        { agentId: "claude", trial: 2, transcriptPath: path.join(dir, "gone.jsonl"), logText: "inline log\n", scores: null },
      ],
      evaluationJsonl: jsonl,
      taskLogText: "task log\n",
    });
    const file = path.join(dir, "bundle.zip");
    await pipeline(stream, createWriteStream(file));
    const entries = await readZip(file);

    expect([...entries.keys()].sort()).toEqual([
      "MISSING.txt",
      "evaluation.jsonl",
      "questions.json",
      "runs/claude-t2/log.txt",
      "runs/sim_fast-t1/log.txt",
      "runs/sim_fast-t1/transcript.jsonl",
      "scores.json",
      "task.json",
      "task.log",
    ]);
    expect(JSON.parse(entries.get("task.json") as string)).toEqual({ id: "task-1", title: "Demo" });
    expect(JSON.parse(entries.get("questions.json") as string)).toEqual(questions);
    expect(JSON.parse(entries.get("scores.json") as string)).toEqual([
      { agentId: "sim/fast", trial: 1, scores },
      { agentId: "claude", trial: 2, scores: null },
    ]);
    expect(entries.get("runs/sim_fast-t1/transcript.jsonl")).toBe('{"role":"user","text":"hi"}\n{"role":"agent","text":"a.ts"}\n');
    expect(entries.get("runs/sim_fast-t1/log.txt")).toBe("line 1\nline 2\n");
    expect(entries.get("runs/claude-t2/log.txt")).toBe("inline log\n");
    expect(entries.get("MISSING.txt")).toContain("runs/claude-t2/transcript.jsonl");
    expect(entries.get("evaluation.jsonl")).toBe(jsonl);
    const lines = jsonl.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ phase: "baseline", answer: null, score: null, judge: null }),
      expect.objectContaining({ runId: "run-1", agentId: "sim/fast", questionId: "AR-1", dimension: "AR", question: "Which file?", phase: "evaluation", answer: "a.ts", score: 1, judge: "reference", rationale: "ok" }),
    ]);
  });

  it("streams a 50 MB transcript without loading it into memory", async () => {
    const transcript = path.join(dir, "big.jsonl");
    const line = (i: number) => `${JSON.stringify({ turn: i, role: i % 2 ? "agent" : "user", text: `message ${i} ${(i * 2654435761).toString(36).repeat(8)}` })}\n`;
    const target = 50 * 1024 * 1024;
    await pipeline(
      (async function* () {
        let written = 0;
        for (let i = 0; written < target; i++) {
          const chunk = Array.from({ length: 1000 }, (_, k) => line(i * 1000 + k)).join("");
          written += chunk.length;
          yield chunk;
        }
      })(),
      createWriteStream(transcript),
    );
    const size = (await stat(transcript)).size;
    expect(size).toBeGreaterThanOrEqual(target);

    // Live memory, sampled after a forced collection so garbage already released does not count.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const live = () => {
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const before = live();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, live())), 20);
    const file = path.join(dir, "big.zip");
    try {
      await pipeline(
        writeTaskBundle({ task: {}, questions: [], runs: [{ agentId: "sim", trial: 1, transcriptPath: transcript, scores: {} }], evaluationJsonl: "" }),
        createWriteStream(file),
      );
    } finally {
      clearInterval(sampler);
    }
    expect(peak - before).toBeLessThan(size / 10);
    const entries = await readZip(file, true);
    expect(entries.get("runs/sim-t1/transcript.jsonl")).toBe(size);
  });
});
