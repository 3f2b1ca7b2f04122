// A "web process" for log-stream tests and bench:sse: the real route module of
// app/api/v1/logs/[taskId]/stream served over node:http (tests/helpers/route-http.ts), with its own log hub and
// LISTEN connection. Prints `listening <url>`; GET /stats answers memory and hub figures.
// Run: node --import tsx --conditions=react-server [--expose-gc] tests/helpers/log-route-server.ts [--heartbeat-ms N] [--poll-ms N] [--settle-ms N]
import { parseArgs } from "node:util";
import { configureLogServing, logHub } from "@/server/evaluation/logs/process-log-hub";
import { GET } from "@/app/api/v1/logs/[taskId]/stream/route";
import { serveRoute } from "./route-http";

const { values } = parseArgs({ options: { "heartbeat-ms": { type: "string" }, "poll-ms": { type: "string" }, "settle-ms": { type: "string" } } });
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
configureLogServing({ heartbeatMs: num(values["heartbeat-ms"]), pollMs: num(values["poll-ms"]), settleMs: num(values["settle-ms"]) });

const served = await serveRoute("/api/v1/logs/[taskId]/stream", GET, {
  other: (req, res) => {
    if (req.url !== "/stats") return false;
    (globalThis as { gc?: () => void }).gc?.();
    const stats = { memory: process.memoryUsage(), hub: { ...logHub().counts(), ...logHub().stats } };
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(stats));
    return true;
  },
});
console.log(`listening ${served.url}`);
process.on("SIGTERM", () => void served.close().then(() => process.exit(0)));
