import { describe, expect, it } from "vitest";
import { QUEUES } from "@/server/jobs/queues";
import { parseWorkerOptions } from "./parse-worker-options";

describe("parseWorkerOptions", () => {
  it("defaults to every queue at its default concurrency", () => {
    const q = parseWorkerOptions([], "");
    expect([...q.keys()]).toEqual(QUEUES.map((queue) => queue.name));
    expect([...q.keys()].slice(0, 3)).toEqual(["system", "default", "maintenance"]);
    expect(q.get("default")).toBe(4);
  });
  it("takes --queues with per-queue concurrency over WORKER_QUEUES", () => {
    const q = parseWorkerOptions(["--queues", "default:7,maintenance"], "system");
    expect(Object.fromEntries(q)).toEqual({ default: 7, maintenance: 1 });
  });
  it("applies --concurrency to queues without their own", () => {
    expect(Object.fromEntries(parseWorkerOptions(["--queues=default", "--concurrency=3"], ""))).toEqual({ default: 3 });
  });
  it("rejects unknown queues and bad numbers with a clear message", () => {
    expect(() => parseWorkerOptions(["--queues", "nope"], "")).toThrow(/unknown queue "nope"; known queues: system/);
    expect(() => parseWorkerOptions(["--queues", "default:0"], "")).toThrow(/concurrency of default must be an integer/);
  });
});
