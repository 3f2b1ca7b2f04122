// Streams a task's ZIP bundle: task.json, questions.json, scores.json, evaluation.jsonl, and per run its
// transcript and log. Files are streamed from disk as the archive is read (never loaded whole); files that
// do not exist are skipped and listed in MISSING.txt.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { PassThrough, pipeline, type Readable } from "node:stream";
import { ZipFile } from "yazl";

export type TBundleRun = {
  agentId: string;
  trial: number;
  /** JSONL transcript on disk. */
  transcriptPath: string;
  logText?: string;
  logPath?: string;
  scores: unknown;
  /** Files the agent's CLI left behind (session files, telemetry), added under the run's folder by name. */
  extraFiles?: { name: string; path: string }[];
};

export type TTaskBundleInput = {
  task: object;
  questions: unknown;
  runs: TBundleRun[];
  evaluationJsonl: string;
  taskLogText?: string;
  taskLogPath?: string;
  /** Timestamp of the generated entries (default now). */
  mtime?: Date;
};

/** Folder of a run inside the bundle: runs/<agentId>-t<trial>, with the agent id made path-safe. */
export function runFolder(agentId: string, trial: number): string {
  return `runs/${agentId.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^\.+/, "_")}-t${trial}`;
}

type TEntry = { name: string } & ({ text: string } | { path: string });

export function writeTaskBundle(input: TTaskBundleInput): Readable {
  const out = new PassThrough();
  const zip = new ZipFile();
  zip.on("error", (error: Error) => out.destroy(error));
  pipeline(zip.outputStream as Readable, out, () => undefined); // errors reach the reader through `out`
  addEntries(zip, input).catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

async function addEntries(zip: ZipFile, input: TTaskBundleInput): Promise<void> {
  const mtime = input.mtime ?? new Date();
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const entries: TEntry[] = [
    { name: "task.json", text: json(input.task) },
    { name: "questions.json", text: json(input.questions) },
    { name: "scores.json", text: json(input.runs.map((r) => ({ agentId: r.agentId, trial: r.trial, scores: r.scores }))) },
    { name: "evaluation.jsonl", text: input.evaluationJsonl },
  ];
  if (input.taskLogText !== undefined) entries.push({ name: "task.log", text: input.taskLogText });
  else if (input.taskLogPath !== undefined) entries.push({ name: "task.log", path: input.taskLogPath });
  for (const run of input.runs) {
    const folder = runFolder(run.agentId, run.trial);
    entries.push({ name: `${folder}/transcript.jsonl`, path: run.transcriptPath });
    if (run.logText !== undefined) entries.push({ name: `${folder}/log.txt`, text: run.logText });
    else if (run.logPath !== undefined) entries.push({ name: `${folder}/log.txt`, path: run.logPath });
    for (const file of run.extraFiles ?? []) entries.push({ name: `${folder}/${file.name}`, path: file.path });
  }

  const missing: string[] = [];
  for (const entry of entries) {
    if ("text" in entry) {
      zip.addBuffer(Buffer.from(entry.text, "utf8"), entry.name, { mtime });
      continue;
    }
    const info = await stat(entry.path).catch(() => null);
    if (!info?.isFile()) {
      missing.push(`${entry.name}: ${entry.path} ${info ? "is not a file" : "does not exist"}`);
      continue;
    }
    zip.addReadStreamLazy(entry.name, { mtime: info.mtime }, (callback) => {
      const stream = createReadStream(entry.path);
      stream.on("error", (error) => zip.emit("error", error)); // yazl pipes without listening for read errors
      callback(null, stream);
    });
  }
  if (missing.length > 0) {
    zip.addBuffer(Buffer.from(`These files were not found when the bundle was written:\n${missing.join("\n")}\n`, "utf8"), "MISSING.txt", { mtime });
  }
  zip.end();
}
