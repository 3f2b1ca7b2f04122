import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { makeRepo, type TMadeRepo } from "../../../server/evaluation/test-support/make-repo";
import { attachScreenshot } from "../support/screenshot";
import { trpcMutation } from "../support/trpc-api";
import { createTaskViaApi, createTaskViaForm, runRow, taskStatus } from "./tasks-page";

// Against `next start` and a real worker (playwright.config.ts), AUTH_MODE=none (the local admin), with the sim
// agents shipped with the project and a local git repository made for the run (base on main, change on feature).

let repo: TMadeRepo;
const unique = () => Math.random().toString(36).slice(2, 8);

test.beforeAll(async () => {
  repo = await makeRepo();
});
test.afterAll(async () => {
  await repo?.cleanup();
});

test("the new-task form rejects a bad repository beside the field, with the server's own schema", async ({ page }, testInfo) => {
  await page.goto("/tasks/new");
  const form = page.getByRole("form", { name: "New task" });
  await form.getByRole("checkbox", { name: /^sim-strong\b/ }).check();
  const repository = form.getByLabel("Repository", { exact: true });
  await repository.fill("not a repository");
  await form.getByLabel("Head ref").fill("feature");
  await form.getByRole("button", { name: "Create task" }).click();

  await expect(repository).toHaveAttribute("aria-invalid", "true");
  await expect(repository).toHaveAccessibleErrorMessage(/repository must be an https:\/\/, ssh:\/\/, git:\/\/ or file:\/\/ URL/);
  await expect(repository).toBeFocused();
  await expect(page).toHaveURL(/\/tasks\/new$/);
  await attachScreenshot(page, testInfo, "new-task-invalid");

  // The server parses with the same schema and names the same field.
  const response = await page.request.post("/api/trpc/tasks.create", {
    data: { json: { source: { kind: "git", repository: "not a repository", baseRef: "main", headRef: "feature" }, agents: ["sim-strong"] } },
  });
  expect(response.status()).toBe(400);
  const body = (await response.json()) as { error: { json: { message: string; data: { field: string } } } };
  expect(body.error.json.data.field).toBe("source.repository");
  expect(body.error.json.message).toMatch(/repository must be an https:\/\//);

  // Fixing the value clears the message as the user types.
  await repository.fill(repo.fileUrl);
  await expect(repository).not.toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText(/repository must be/)).toHaveCount(0);
});

test("sim-strong and sim-weak: live log, completion, scores, transcript, ranking and bundle", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await page.goto("/tasks/new");
  const form = page.getByRole("form", { name: "New task" });
  for (const agent of ["sim-strong", "sim-weak"]) {
    await expect(form.getByRole("listitem").filter({ has: page.getByRole("checkbox", { name: new RegExp(`^${agent}\\b`) }) })).toContainText("simulated");
  }
  const title = `E2E strong vs weak ${unique()}`;
  // A small context makes the sims compress during the deep-dive, where the weak profile forgets.
  const id = await createTaskViaForm(page, { title, repository: repo.fileUrl, headRef: "feature", agents: ["sim-strong", "sim-weak"], contextTokenLimit: 2000, seed: 4242 });

  // Log lines arrive in the viewer while the task runs (SSE, or polling if the stream is unavailable).
  const log = page.getByRole("log", { name: "Task log" });
  await expect(log).toContainText(/sim-(strong|weak)#1/, { timeout: 60_000 });
  await expect(runRow(page, "sim-strong")).toContainText("simulated");

  await expect(taskStatus(page)).toHaveText("completed", { timeout: 180_000 });
  await expect(page.getByRole("region", { name: "Log", exact: true }).getByRole("status")).toContainText("Finished");
  for (const agent of ["sim-strong", "sim-weak"]) await expect(runRow(page, agent)).toContainText("completed");
  // Each run's timeline has its five phases done, and the scores table one row per run.
  await expect(page.getByRole("list", { name: "Phases of sim-strong #1" }).getByRole("listitem")).toHaveCount(5);
  const scores = page.getByRole("table", { name: "Scores per dimension" });
  await expect(scores.getByRole("row")).toHaveCount(3);
  await attachScreenshot(page, testInfo, "task-detail-completed");

  // Transcript of the selected run, turn by turn.
  await page.getByRole("tab", { name: /^Transcript/ }).click();
  await expect(page.getByRole("list", { name: "Transcript" }).getByRole("listitem").first()).toBeVisible();
  await page.getByRole("list", { name: "Transcript" }).getByRole("listitem").first().locator("summary").click();
  await expect(page.getByRole("region", { name: "Prompt of turn 1" })).toBeVisible();

  // The bundle is a ZIP with task.json inside.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download bundle" }).click()]);
  expect(download.suggestedFilename()).toBe(`memory-break-task-${id}.zip`);
  const zip = await readFile((await download.path())!);
  expect(zip.subarray(0, 2).toString()).toBe("PK");
  expect(zip.includes("task.json")).toBe(true);
  expect(zip.includes("transcript.jsonl")).toBe(true);

  // The per-task leaderboard ranks the strong memory first.
  await page.getByRole("link", { name: "Task leaderboard" }).click();
  await expect(page).toHaveURL(new RegExp(`/leaderboard\\?taskId=${id}$`));
  const ranking = page.getByRole("table", { name: /^Leaderboard/ });
  const rows = ranking.getByRole("row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText(/^1\s*sim-strong/);
  await expect(rows.nth(2)).toContainText(/^2\s*sim-weak/);
  await expect(rows.nth(2)).toContainText("simulated");
  await expect(page.getByRole("figure", { name: "Overall" })).toBeVisible();
  await attachScreenshot(page, testInfo, "leaderboard-task");
});

test("a running task can be cancelled, and the log can be paused while it runs", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto("/tasks/new");
  const title = `E2E cancel ${unique()}`;
  // No compression in a huge context: the sims walk all 200 deep-dive turns, so the task runs long enough.
  await createTaskViaForm(page, { title, repository: repo.fileUrl, headRef: "feature", agents: ["sim-strong", "sim-weak"], contextTokenLimit: 2_000_000, maxTurns: 200 });
  await expect(taskStatus(page)).toHaveText("running", { timeout: 60_000 });
  const log = page.getByRole("log", { name: "Task log" });
  await expect(log).toContainText(/turn \d+/, { timeout: 30_000 });
  const logRegion = page.getByRole("region", { name: "Log", exact: true });
  await expect(logRegion.getByRole("status")).toHaveText(/^Live · \d+ lines$/); // the event stream, not the polling fallback

  // Pause freezes the view while lines keep arriving; Resume shows them.
  await logRegion.getByRole("button", { name: "Pause" }).click();
  await expect(logRegion.getByRole("button", { name: /^Resume/ })).toHaveAttribute("aria-pressed", "true");
  const frozen = await log.locator(":scope > div").count();
  await expect(logRegion.getByRole("button", { name: /^Resume \(\d+ new\)/ })).toBeVisible({ timeout: 20_000 });
  expect(await log.locator(":scope > div").count()).toBe(frozen);
  await logRegion.getByRole("button", { name: /^Resume/ }).click();
  await expect.poll(() => log.locator(":scope > div").count()).toBeGreaterThan(frozen);

  await page.getByRole("button", { name: `Cancel task ${title}` }).click();
  await expect(taskStatus(page)).toHaveText("cancelled", { timeout: 30_000 });
  for (const agent of ["sim-strong", "sim-weak"]) await expect(runRow(page, agent)).toContainText("cancelled", { timeout: 30_000 });
  await expect(page.getByRole("button", { name: `Retry task ${title}` })).toBeVisible();
  await expect(page.getByRole("button", { name: `Cancel task ${title}` })).toHaveCount(0);
  await attachScreenshot(page, testInfo, "task-detail-cancelled");

  // The tasks list shows it cancelled too, without a reload of that page.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tasks", exact: true }).click();
  await page.getByRole("searchbox", { name: "Search" }).fill(title);
  const row = page.getByRole("table", { name: "Tasks, newest first" }).getByRole("row").filter({ hasText: title });
  await expect(row).toContainText("cancelled");
});

test("the log viewer falls back to polling when the event stream is unavailable", async ({ page, request }) => {
  const id = await createTaskViaApi(request, {
    title: `E2E polling ${unique()}`,
    source: { kind: "git", repository: repo.fileUrl, baseRef: repo.baseRef, headRef: repo.headRef },
    agents: ["sim-strong"],
    contextTokenLimit: 2_000_000,
    maxTurns: 200,
  });
  try {
    await page.route("**/api/v1/logs/**", (route) => route.fulfill({ status: 503, body: "stream unavailable" }));
    await page.goto(`/tasks/${id}`);
    const logRegion = page.getByRole("region", { name: "Log", exact: true });
    await expect(logRegion.getByRole("status")).toHaveText(/^Live \(polling\) · \d+ lines$/, { timeout: 30_000 });
    const log = page.getByRole("log", { name: "Task log" });
    await expect(log).toContainText(/turn \d+/, { timeout: 30_000 });
    const seen = await log.locator(":scope > div").count();
    await expect.poll(() => log.locator(":scope > div").count(), { timeout: 20_000 }).toBeGreaterThan(seen);
  } finally {
    await trpcMutation(request, "tasks.cancel", { id }).catch(() => undefined);
  }
});
