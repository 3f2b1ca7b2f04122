import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { trpcMutation, trpcQuery } from "../support/trpc-api";

// Page helpers for the evaluation dashboard, through roles and labels.

export type TTaskFormInput = {
  title: string;
  repository: string;
  headRef: string;
  agents: string[];
  /** Advanced settings, as typed. */
  contextTokenLimit?: number;
  maxTurns?: number;
  seed?: number;
  trials?: number;
};

/** Fills /tasks/new (already open) and submits; returns the new task's id from the detail page's URL. */
export async function createTaskViaForm(page: Page, input: TTaskFormInput): Promise<string> {
  const form = page.getByRole("form", { name: "New task" });
  await form.getByLabel("Title").fill(input.title);
  await form.getByLabel("Repository", { exact: true }).fill(input.repository);
  await form.getByLabel("Head ref").fill(input.headRef);
  for (const agent of input.agents) {
    const box = form.getByRole("checkbox", { name: new RegExp(`^${agent}\\b`) });
    await expect(box).toBeEnabled();
    await box.check();
  }
  if (input.trials !== undefined) await form.getByLabel("Trials").fill(String(input.trials));
  if (input.contextTokenLimit !== undefined || input.maxTurns !== undefined || input.seed !== undefined) {
    await form.getByText("Advanced", { exact: true }).click();
    if (input.contextTokenLimit !== undefined) await form.getByLabel("Context token limit").fill(String(input.contextTokenLimit));
    if (input.maxTurns !== undefined) await form.getByLabel("Max turns").fill(String(input.maxTurns));
    if (input.seed !== undefined) await form.getByLabel("Seed").fill(String(input.seed));
  }
  await form.getByRole("button", { name: "Create task" }).click();
  await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  await expect(page.getByRole("heading", { level: 1, name: input.title })).toBeVisible();
  return page.url().split("/").pop()!;
}

export const taskStatus = (page: Page) => page.getByLabel("Task status");

/** The row of one run ("sim-strong #1") in the Runs table. */
export const runRow = (page: Page, agent: string, trial = 1) =>
  page.getByRole("table", { name: "Agent runs" }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${agent} #${trial}\\b`) }) });

type TTaskInput = { source: { kind: "git"; repository: string; baseRef: string; headRef: string }; agents: string[]; title?: string; seed?: number; contextTokenLimit?: number; maxTurns?: number };

export async function createTaskViaApi(request: APIRequestContext, input: TTaskInput): Promise<string> {
  return (await trpcMutation<{ id: string }>(request, "tasks.create", input)).id;
}

export async function waitForTaskStatus(request: APIRequestContext, id: string, status: RegExp, timeout = 120_000): Promise<void> {
  await expect.poll(async () => (await trpcQuery<{ status: string }>(request, "tasks.get", { id })).status, { timeout, intervals: [500] }).toMatch(status);
}
