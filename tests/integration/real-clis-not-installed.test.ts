import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { makeRepo, type TMadeRepo } from "@/server/evaluation/test-support/make-repo";
import { makeOrg } from "../helpers/test-callers";
import { cleanUpRealCliFile } from "./real-clis-support";

// A CLI that is not installed where it is configured (AGENT_QWEN_BIN points at nothing) is refused when the task is
// submitted, naming the agent, the field and the path tried, and nothing is created: no task, no job. The other CLIs
// (the real ones from node_modules) still count as installed. Nothing runs, so this file needs no worker.
// MB_SKIP_REAL_CLIS=1 skips this file.
const STORAGE_DIR = await mkdtemp(path.join(tmpdir(), "mb-real-clis-missing-"));
const MISSING_BIN = path.join(STORAGE_DIR, "nonexistent", "qwen");
process.env.STORAGE_DIR = STORAGE_DIR;
process.env.AGENT_QWEN_BIN = MISSING_BIN;

const { db } = await import("@/server/db/client");
const { createInnerTRPCContext } = await import("@/server/trpc/context");
const { createCaller } = await import("@/server/trpc/root");

const org = makeOrg();
const api = () => createCaller(createInnerTRPCContext({ caller: org.member }));
let repo: TMadeRepo;

describe.skipIf(process.env.MB_SKIP_REAL_CLIS === "1")("a real agent CLI that is not installed", () => {
  beforeAll(async () => {
    repo = await makeRepo();
  });

  afterAll(() => cleanUpRealCliFile({ orgId: org.orgId, storageDir: STORAGE_DIR, env: { AGENT_QWEN_BIN: MISSING_BIN }, repo }));

  it("is listed as not installed, with the path tried and how to fix it", async () => {
    const agents = await api().agents.list();
    expect(agents.find((a) => a.id === "claude")).toMatchObject({ installed: true });
    const qwen = agents.find((a) => a.id === "qwen")!;
    expect(qwen).toMatchObject({ installed: false, simulated: false });
    expect(qwen.problem).toContain(MISSING_BIN);
    expect(qwen.problem).toContain("AGENT_QWEN_BIN");
    // The same CLI on the model simulator needs the same binary.
    expect(agents.find((a) => a.id === "qwen.sim-lossy")).toMatchObject({ installed: false });
  });

  it("tasks.create refuses it with BAD_REQUEST naming the agent, and creates no task and no job", async () => {
    const count = async () => ({
      tasks: await db().task.count({ where: { orgId: org.orgId } }),
      jobs: await db().job.count({ where: { orgId: org.orgId } }),
    });
    const source = { kind: "git" as const, repository: repo.dir, baseRef: repo.baseRef, headRef: repo.headRef };
    for (const agents of [["claude", "qwen"], ["qwen.sim-thorough"]]) {
      const error = await api()
        .tasks.create({ source, agents, dimensions: ["SF"], maxFiles: 2, maxTurns: 3, contextTokenLimit: 100_000 })
        .then(() => undefined, (e: unknown) => e);
      expect(error, agents.join(",")).toBeInstanceOf(TRPCError);
      const trpcError = error as TRPCError;
      expect(trpcError.code).toBe("BAD_REQUEST");
      const agentId = agents.at(-1)!;
      expect(trpcError.message).toContain(`agent "${agentId}" is not installed here`);
      expect(trpcError.message).toContain(MISSING_BIN);
      expect((trpcError.cause as AppError).field).toBe(`agents.${agents.length - 1}`);
    }
    expect(await count()).toEqual({ tasks: 0, jobs: 0 });
  });
});
