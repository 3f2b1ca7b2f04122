import { expect, test, type Page } from "@playwright/test";
import { makeRepo, type TMadeRepo } from "../../../server/evaluation/test-support/make-repo";
import { attachScreenshot } from "../support/screenshot";
import { trpcMutation } from "../support/trpc-api";
import { createTaskViaApi, waitForTaskStatus } from "../tasks/tasks-page";

// Every dashboard page renders (heading, no error state) in light and dark mode; a screenshot of each is
// attached to the report. One finished sim task and one job give the detail pages something to show.

let repo: TMadeRepo;
let taskId: string;
let jobId: string;

test.beforeAll(async ({ request }) => {
  test.setTimeout(180_000);
  repo = await makeRepo();
  taskId = await createTaskViaApi(request, {
    title: "E2E screenshots",
    source: { kind: "git", repository: repo.fileUrl, baseRef: repo.baseRef, headRef: repo.headRef },
    agents: ["sim-strong", "sim-weak"],
    contextTokenLimit: 2000,
    seed: 7,
  });
  jobId = (await trpcMutation<{ id: string }>(request, "jobs.submit", { type: "system.noop", params: { note: "screenshot" } })).id;
  await waitForTaskStatus(request, taskId, /^(completed|failed)$/);
});
test.afterAll(async () => {
  await repo?.cleanup();
});

const PAGES: { name: string; path: () => string; heading: string | RegExp }[] = [
  { name: "overview", path: () => "/", heading: "Overview" },
  { name: "tasks", path: () => "/tasks", heading: "Tasks" },
  { name: "new-task", path: () => "/tasks/new", heading: "New task" },
  { name: "task-detail", path: () => `/tasks/${taskId}`, heading: "E2E screenshots" },
  { name: "leaderboard", path: () => "/leaderboard", heading: "Leaderboard" },
  { name: "jobs", path: () => "/jobs", heading: "Jobs" },
  { name: "job-detail", path: () => `/jobs/${jobId}`, heading: "Job system.noop" },
  { name: "queues", path: () => "/queues", heading: "Queues and workers" },
];

async function expectPageReady(page: Page, heading: string | RegExp) {
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /^Loading/ })).toHaveCount(0);
  // Next's route announcer is an empty alert: only alerts with text are error states.
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveCount(0);
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`every page renders in ${colorScheme} mode`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme });
    for (const p of PAGES) {
      await page.goto(p.path());
      await expectPageReady(page, p.heading);
      await expect(page.getByRole("navigation", { name: "Main" }).locator('[aria-current="page"]')).toHaveCount(1);
      await page.waitForTimeout(300); // charts measure their container once mounted
      await attachScreenshot(page, testInfo, `${p.name}-${colorScheme}`);
    }
  });
}

test("the nav reaches every page without a full reload", async ({ page }) => {
  await page.goto("/");
  await page.evaluate(() => ((window as unknown as { __nav?: number }).__nav = 1));
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const [link, heading] of [["Tasks", "Tasks"], ["New task", "New task"], ["Leaderboard", "Leaderboard"], ["Jobs", "Jobs"], ["Queues", "Queues and workers"], ["Overview", "Overview"]] as const) {
    await nav.getByRole("link", { name: link, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(nav.getByRole("link", { name: link, exact: true })).toHaveAttribute("aria-current", "page");
  }
  expect(await page.evaluate(() => (window as unknown as { __nav?: number }).__nav)).toBe(1);
});

test("unknown ids show a not-found state instead of a crash", async ({ page }, testInfo) => {
  await page.goto("/tasks/00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("heading", { level: 1, name: "Task not found" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "task not found" })).toBeVisible();
  await attachScreenshot(page, testInfo, "task-not-found");
  await page.goto("/jobs/not-a-uuid");
  await expect(page.getByRole("heading", { level: 1, name: "Job not found" })).toBeVisible();
  await page.goto("/leaderboard?from=2030-01-02&to=2030-01-01");
  await expect(page.getByLabel("To", { exact: true })).toHaveAccessibleErrorMessage(/from must not be after to/);
});

test("overview counts link to the filtered lists", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Tasks by status").getByRole("link", { name: /completed$/ }).click();
  await expect(page).toHaveURL(/\/tasks\?status=completed$/);
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("completed");
  await expect(page.getByRole("table", { name: "Tasks, newest first" }).getByRole("row").filter({ hasText: "E2E screenshots" }).first()).toContainText("completed");
});
