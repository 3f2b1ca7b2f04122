import { appendFile, mkdir, writeFile } from "node:fs/promises";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { think } from "./brain";
import { latestPrompt } from "./memory";
import { anthropic } from "./protocols/anthropic";
import { gemini } from "./protocols/gemini";
import { openai } from "./protocols/openai";
import { sendJson, type TJsonObject, type TProtocolModule } from "./protocols/wire";
import { DEFAULT_PROFILE, findProfile, MODEL_SIM_PROFILES } from "./summary";
import { DEFAULT_PRESSURE, estimateTokens } from "./usage";
import type { TModelSimOptions, TProtocol, TRequestLogEntry } from "./types";

// The model simulator's HTTP server (plain node:http, 127.0.0.1 by default): one route per protocol, every request
// logged (in memory, and as JSON lines when logFile is set). Replies depend on the request alone, never on earlier
// requests, so concurrent CLIs sharing one simulator cannot disturb each other.

export type TModelSim = {
  url: string;
  port: number;
  profile: string;
  /** Every request so far, in arrival order. */
  requests(): TRequestLogEntry[];
  close(): Promise<void>;
};

type TRoute = { protocol: TProtocol; module: TProtocolModule; model?: string; stream: boolean; count?: boolean };

const GEMINI_PATH = /\/models\/([^/:]+):(generateContent|streamGenerateContent|countTokens)$/;
const MAX_BODY = 64 * 1024 * 1024;

function route(method: string, pathname: string): TRoute | undefined {
  if (method !== "POST") return undefined;
  if (pathname.endsWith("/v1/messages/count_tokens")) return { protocol: "anthropic", module: anthropic, stream: false, count: true };
  if (pathname.endsWith("/v1/messages")) return { protocol: "anthropic", module: anthropic, stream: false };
  if (pathname.endsWith("/chat/completions")) return { protocol: "openai", module: openai, stream: false };
  const match = GEMINI_PATH.exec(pathname);
  if (match) return { protocol: "gemini", module: gemini, model: match[1], stream: match[2] === "streamGenerateContent", count: match[2] === "countTokens" };
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const short = (value: string, max = 160) => {
  const line = value.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** Waits `ms` before a reply; false when the client went away meanwhile (nothing is left to answer). */
function held(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      res.off("close", gone);
      resolve(true);
    }, ms);
    const gone = () => {
      clearTimeout(timer);
      resolve(false);
    };
    res.once("close", gone);
  });
}

export async function startModelSim(options: TModelSimOptions = {}): Promise<TModelSim> {
  const profileId = options.profile ?? DEFAULT_PROFILE;
  const profile = findProfile(profileId);
  if (!profile) throw new Error(`unknown model-sim profile "${profileId}"; known: ${MODEL_SIM_PROFILES.map((p) => p.id).join(", ")}`);
  const brain = {
    profile,
    seed: options.seed ?? 0,
    multiplier: options.usageMultiplier ?? 1,
    pressure: { ...DEFAULT_PRESSURE, ...options.pressureTokens },
  };
  if (!(brain.multiplier > 0)) throw new Error(`usage multiplier must be positive, got ${brain.multiplier}`);
  const delayMs = options.delayMs ?? 0;
  if (!(delayMs >= 0)) throw new Error(`delay must be zero or more milliseconds, got ${delayMs}`);
  if (options.logFile) await mkdir(path.dirname(options.logFile), { recursive: true });
  if (options.bodiesDir) await mkdir(options.bodiesDir, { recursive: true });

  const log: TRequestLogEntry[] = [];
  let writes: Promise<unknown> = Promise.resolve();
  let seq = 0;
  const record = (entry: TRequestLogEntry) => {
    log.push(entry);
    if (options.logFile) {
      const file = options.logFile;
      writes = writes.then(() => appendFile(file, `${JSON.stringify(entry)}\n`)).catch(() => undefined);
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const number = ++seq;
    const method = req.method ?? "GET";
    const pathname = new URL(req.url ?? "/", "http://model-sim").pathname;
    const target = route(method, pathname);
    const entry: TRequestLogEntry = { seq: number, protocol: target?.protocol ?? "other", method, path: pathname, status: 200 };
    try {
      const raw = await readBody(req);
      if (options.bodiesDir && raw) {
        const dir = options.bodiesDir;
        writes = writes.then(() => writeFile(path.join(dir, `${String(number).padStart(4, "0")}.json`), raw)).catch(() => undefined);
      }
      if (!target) {
        if (method === "HEAD") res.writeHead(200).end();
        else if (method === "GET" && pathname.endsWith("/models")) sendJson(res, 200, { object: "list", data: [{ id: "model-sim", object: "model", owned_by: "model-sim" }] });
        else sendJson(res, (entry.status = 404), { error: { type: "not_found", message: `model-sim: no route for ${method} ${pathname}` } });
        return;
      }
      const body = (raw ? JSON.parse(raw) : {}) as TJsonObject;
      if (target.count) {
        const tokens = estimateTokens(raw.length, brain.multiplier);
        sendJson(res, 200, target.protocol === "anthropic" ? { input_tokens: tokens } : { totalTokens: tokens });
        return;
      }
      const conversation = target.module.read(body, raw.length, { model: target.model, stream: target.stream });
      const reply = think(conversation, brain);
      Object.assign(entry, {
        model: conversation.model,
        kind: reply.kind,
        messages: conversation.turns.length,
        tools: conversation.tools.length,
        prompt: short(latestPrompt(conversation)),
        ...(reply.text && { reply: short(reply.text) }),
        ...(reply.toolCall && { toolCall: `${reply.toolCall.name} ${JSON.stringify(reply.toolCall.args)}` }),
        estimatedTokens: estimateTokens(raw.length, brain.multiplier),
        reportedInputTokens: reply.usage.inputTokens,
        outputTokens: reply.usage.outputTokens,
        pressure: reply.pressure,
        ...(reply.kind === "summary" && { summary: reply.text }),
      });
      if (delayMs > 0) {
        entry.delayMs = delayMs;
        if (!(await held(res, delayMs))) {
          entry.status = 499;
          entry.error = `the client closed the connection during the ${delayMs} ms delay`;
          return;
        }
      }
      target.module.write(res, reply, conversation, number);
    } catch (error) {
      entry.status = 500;
      entry.error = (error as Error).message;
      if (!res.headersSent) sendJson(res, 500, { error: { type: "model_sim_error", message: entry.error } });
      else res.end();
    } finally {
      record(entry);
    }
  };

  const server = http.createServer((req, res) => void handle(req, res));
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    port,
    profile: profile.id,
    requests: () => [...log],
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await writes;
    },
  };
}
