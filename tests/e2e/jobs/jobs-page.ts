import { expect, type Locator, type Page } from "@playwright/test";

// Page helpers for the jobs dashboard, all through roles and labels (what a user sees).

export type TSleepParams = { seconds: number | string; steps?: number; failAttempts?: number };

/** Fills the generated form for system.sleep and submits; returns the new job's id. */
export async function submitSleep(page: Page, params: TSleepParams): Promise<string> {
  const form = page.getByRole("form", { name: "Submit a job" });
  await form.getByLabel("Job type").selectOption("system.sleep");
  await form.getByLabel("seconds").fill(String(params.seconds));
  if (params.steps !== undefined) await form.getByLabel("steps").fill(String(params.steps));
  await form.getByLabel("failAttempts").fill(String(params.failAttempts ?? 0));
  await form.getByRole("button", { name: "Submit job" }).click();
  const status = form.getByRole("status").filter({ hasText: "Submitted job" });
  await expect(status).toBeVisible();
  const id = (await status.locator("code").textContent())?.trim();
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id!;
}

/** The table row of one job (the first cell shows the id's first 8 characters). */
export function jobRow(page: Page, id: string): Locator {
  return page
    .getByRole("table", { name: "Jobs, newest first" })
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: id.slice(0, 8), exact: true }) });
}

/** Columns of the jobs table: a selection checkbox first, then the job's id. */
export const COLUMN = { select: 0, id: 1, status: 2, attempt: 6 } as const;

/** The status cell of a job's row. */
export function statusCell(page: Page, id: string): Locator {
  return jobRow(page, id).getByRole("cell").nth(COLUMN.status);
}

export function attemptCell(page: Page, id: string): Locator {
  return jobRow(page, id).getByRole("cell").nth(COLUMN.attempt);
}

export async function expectStatus(page: Page, id: string, status: RegExp | string, timeout?: number): Promise<void> {
  await expect(statusCell(page, id)).toHaveText(typeof status === "string" ? new RegExp(`^${status}`) : status, { timeout });
}

/** Marks the document so a later check proves no navigation or reload happened in between. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __mbMarker?: number }).__mbMarker = 1));
}

export async function expectSameDocument(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __mbMarker?: number }).__mbMarker)).toBe(1);
}

/** Resumes a queue through the API (used in cleanup, whatever state the UI is in). */
export async function resumeQueueViaApi(page: Page, name: string): Promise<void> {
  const response = await page.request.post("/api/trpc/queues.resume", { data: { json: { name } } });
  expect(response.ok()).toBe(true);
}
