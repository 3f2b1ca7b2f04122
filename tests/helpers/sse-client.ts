import http from "node:http";

// A minimal Server-Sent Events client over node:http (what EventSource does, without reconnecting), light enough
// for a bench to hold a thousand of them: events are parsed as they arrive and handed to `onEvent` and/or kept.

export type TSseEvent = { id?: string; event: string; data: string };

export type TSseClient = {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body, for a response that is not an event stream (errors). */
  body: Promise<string>;
  events: TSseEvent[];
  comments: string[];
  /** Resolves when the server closes the stream (or close() is called). */
  ended: Promise<void>;
  /** Events of type `log`, as parsed data. */
  logs(): { seq: string; runId: string | null; level: string; message: string; at: string }[];
  waitFor(what: string, test: (client: TSseClient) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
};

export type TSseOptions = {
  headers?: Record<string, string>;
  keep?: boolean;
  onEvent?: (event: TSseEvent) => void;
  /** Instead of parsing: each run of whole events as received, as text (a bench scans it with one regex). */
  onText?: (events: string) => void;
  agent?: http.Agent;
};

export function openSse(url: string, options: TSseOptions = {}): Promise<TSseClient> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: "text/event-stream", ...options.headers }, agent: options.agent ?? false }, (res) => {
      res.setEncoding("utf8");
      let buffer = "";
      let endedResolve!: () => void;
      const checks = new Set<() => void>();
      const client: TSseClient = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        body: Promise.resolve(""),
        events: [],
        comments: [],
        ended: new Promise<void>((r) => (endedResolve = r)),
        logs: () => client.events.filter((e) => e.event === "log").map((e) => JSON.parse(e.data) as ReturnType<TSseClient["logs"]>[number]),
        waitFor: (what, test, timeoutMs = 20_000) =>
          new Promise<void>((done, fail) => {
            const check = () => {
              if (!test(client)) return;
              cleanup();
              done();
            };
            const timer = setTimeout(() => {
              cleanup();
              fail(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${client.events.length} events)`));
            }, timeoutMs);
            const cleanup = () => (clearTimeout(timer), checks.delete(check));
            checks.add(check);
            check();
          }),
        close: () => {
          req.destroy();
          endedResolve();
        },
      };
      if (!String(res.headers["content-type"]).startsWith("text/event-stream")) {
        client.body = new Promise((done) => {
          let text = "";
          res.on("data", (chunk: string) => (text += chunk));
          res.on("end", () => done(text));
        });
        void client.body.then(() => endedResolve());
        return resolve(client);
      }
      res.on("data", (chunk: string) => {
        buffer += chunk;
        if (options.onText) {
          const cut = buffer.lastIndexOf("\n\n");
          if (cut < 0) return;
          options.onText(buffer.slice(0, cut + 2));
          buffer = buffer.slice(cut + 2);
          return;
        }
        let start = 0;
        for (let cut: number; (cut = buffer.indexOf("\n\n", start)) >= 0; start = cut + 2) {
          const event = parseBlock(buffer.slice(start, cut), client.comments);
          if (!event) continue;
          options.onEvent?.(event);
          if (options.keep !== false) client.events.push(event);
        }
        buffer = buffer.slice(start);
        for (const check of checks) check();
      });
      const finish = () => {
        endedResolve();
        for (const check of checks) check();
      };
      res.on("end", finish);
      res.on("close", finish);
      resolve(client);
    });
    req.on("error", reject);
  });
}

function parseBlock(block: string, comments: string[]): TSseEvent | undefined {
  const event: TSseEvent = { event: "message", data: "" };
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) comments.push(line.slice(1).trim());
    else if (line.startsWith("id: ")) event.id = line.slice(4);
    else if (line.startsWith("event: ")) event.event = line.slice(7);
    else if (line.startsWith("data: ")) data.push(line.slice(6));
  }
  if (data.length === 0) return undefined; // comments, retry:
  event.data = data.join("\n");
  return event;
}
