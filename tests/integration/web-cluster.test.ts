import { readdir, readFile } from "node:fs/promises";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNextServer, type TNextServer } from "../helpers/next-server";
import { waitFor } from "../helpers/wait-for";

// `npm start` with WEB_CONCURRENCY=2 (scripts/web-cluster.mjs) on the production build: two Next processes on one
// port, requests spread over both, /api/metrics summing every process's counters, a dead process replaced, and
// nothing left running after SIGTERM.

let server: TNextServer & { pid: number };

/** A request on a new connection each time, so the cluster's round robin spreads them. */
function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

/** Processes whose parent is `pid`. */
async function childrenOf(pid: number): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid === pid) found.push(Number(entry));
  }
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** mb_http_requests_total{area="api_v1",method="GET"} of one scrape. */
async function apiRequestsCounted(): Promise<number> {
  const { body } = await get(`${server.url}/api/metrics`);
  const line = body.split("\n").find((l) => l.startsWith('mb_http_requests_total{area="api_v1",method="GET"}'));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

describe("npm start with WEB_CONCURRENCY=2", () => {
  beforeAll(async () => {
    server = await startNextServer({ AUTH_MODE: "none" }, { processes: 2 });
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("runs two web processes on one port and /api/metrics counts the requests of both", async () => {
    const workers = await waitFor("two web processes", async () => ((await childrenOf(server.pid)).length === 2 ? childrenOf(server.pid) : undefined), 30_000, 200);
    expect(workers).toHaveLength(2);

    const before = await apiRequestsCounted();
    for (let i = 0; i < 40; i++) expect((await get(`${server.url}/api/v1/me`)).status).toBe(200);
    // Each process saw about half; the scrape, whichever process answers it, reports all 40.
    expect((await apiRequestsCounted()) - before).toBe(40);
  }, 60_000);

  it("replaces a web process that dies, and SIGTERM leaves no process behind", async () => {
    const [victim, survivor] = await childrenOf(server.pid);
    process.kill(victim!, "SIGKILL");
    const replaced = await waitFor(
      "a new web process",
      async () => {
        const now = await childrenOf(server.pid);
        return now.length === 2 && !now.includes(victim!) ? now : undefined;
      },
      30_000,
      200,
    );
    expect(replaced).toContain(survivor);
    await waitFor("the server to answer", async () => (await get(`${server.url}/api/health`).catch(() => ({ status: 0 }))).status === 200 || undefined, 30_000, 200);

    const all = [server.pid, ...replaced];
    await server.stop();
    expect(all.filter(alive)).toEqual([]);
  }, 90_000);
});
