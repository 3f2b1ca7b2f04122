import { expect, test } from "@playwright/test";
import { attachScreenshot } from "../support/screenshot";
import { attemptCell, expectSameDocument, expectStatus, jobRow, markDocument, resumeQueueViaApi, statusCell, submitSleep } from "./jobs-page";

// Against `next start` and a real worker process (playwright.config.ts); AUTH_MODE=none, so the local admin.

test.beforeEach(async ({ page }) => {
  await resumeQueueViaApi(page, "default"); // a failed run of the pause test must not stall the others
  await page.goto("/jobs");
  await expect(page.getByRole("heading", { name: "Jobs", level: 1 })).toBeVisible();
  await markDocument(page);
});

test("a sleep job runs to completion with live progress, without a reload", async ({ page }, testInfo) => {
  const id = await submitSleep(page, { seconds: 4, steps: 8 });
  await expectStatus(page, id, /^(queued|active)/);
  await expectStatus(page, id, "active");
  const progress = jobRow(page, id).getByRole("progressbar");
  await expect(progress).toHaveAttribute("aria-valuenow", /^[1-9]\d*$/); // progress moved while active
  await expect(jobRow(page, id)).toContainText(/slept \d/);
  await expectStatus(page, id, "completed");
  await expect(progress).toHaveAttribute("aria-valuenow", "100");
  await expect(attemptCell(page, id)).toHaveText("1/4");
  await expectSameDocument(page);

  await attachScreenshot(page, testInfo, "jobs-page");
});

test("a job that fails every attempt ends failed, and Retry runs it again", async ({ page }) => {
  // system.sleep allows 4 attempts (retry limit 3): failing the first 4 exhausts them; the retried 5th succeeds.
  const id = await submitSleep(page, { seconds: 0.2, steps: 1, failAttempts: 4 });
  await expectStatus(page, id, "failed", 60_000);
  await expect(jobRow(page, id)).toContainText("failing attempt 4 of 4 on purpose");
  await expect(attemptCell(page, id)).toHaveText("4/4");

  await jobRow(page, id).getByRole("button", { name: /^Retry job/ }).click();
  await expectStatus(page, id, /^(queued|active|completed)/);
  await expectStatus(page, id, "completed", 30_000);
  await expect(attemptCell(page, id)).toHaveText("5/5");
  await expectSameDocument(page);
});

test("a long job can be cancelled", async ({ page }) => {
  const id = await submitSleep(page, { seconds: 600, steps: 100 });
  await expectStatus(page, id, "active");
  await jobRow(page, id).getByRole("button", { name: /^Cancel job/ }).click();
  await expectStatus(page, id, "cancelled");
  await expect(jobRow(page, id).getByRole("button", { name: /^Cancel job/ })).toHaveCount(0);
  await expect(jobRow(page, id).getByRole("button", { name: /^Retry job/ })).toBeVisible();
});

test("a bad value shows the server's error beside the field and creates no job", async ({ page }) => {
  const form = page.getByRole("form", { name: "Submit a job" });
  await form.getByLabel("Job type").selectOption("system.sleep");
  const seconds = form.getByLabel("seconds");
  await seconds.fill("-5");
  await form.getByRole("button", { name: "Submit job" }).click();

  await expect(seconds).toHaveAttribute("aria-invalid", "true");
  await expect(seconds).toHaveAccessibleErrorMessage(/too small.*>=\s*0/i);
  await expect(form.getByRole("status")).toHaveCount(0);

  // Nothing stored: no job has those params (the search covers the params' JSON text).
  await page.getByRole("searchbox", { name: "Search" }).fill('"seconds": -5');
  await expect(page.getByText("No jobs match these filters")).toBeVisible();
});

test("a paused queue holds its jobs until resumed", async ({ page }) => {
  const queues = page.getByRole("region", { name: "Queues" });
  const defaultRow = queues.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "default", exact: true }) });
  try {
    await queues.getByRole("button", { name: "Pause queue default" }).click();
    await expect(defaultRow).toContainText("paused");

    const id = await submitSleep(page, { seconds: 0.5, steps: 1 });
    await expectStatus(page, id, "queued");
    await page.waitForTimeout(4_000); // several worker polls and UI refreshes: still waiting
    await expect(statusCell(page, id)).toHaveText(/^queued/);

    await queues.getByRole("button", { name: "Resume queue default" }).click();
    await expect(defaultRow).toContainText("running");
    await expectStatus(page, id, "completed");
    await expectSameDocument(page);
  } finally {
    await resumeQueueViaApi(page, "default");
  }
});

test("a failed job's page shows its params, error with stack and every attempt, and retries it", async ({ page }, testInfo) => {
  const id = await submitSleep(page, { seconds: 0.2, steps: 1, failAttempts: 4 });
  await expectStatus(page, id, "failed", 60_000);
  await jobRow(page, id).getByRole("link", { name: id.slice(0, 8) }).click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${id}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Job system.sleep" })).toBeVisible();
  await expect(page.getByLabel("Job status")).toHaveText("failed");

  await expect(page.getByLabel("Job params")).toContainText('"failAttempts": 4');
  const error = page.getByRole("region", { name: "Error" });
  await expect(error).toContainText("failing attempt 4 of 4 on purpose");
  await expect(error.getByLabel("Stack trace")).toContainText(/at /); // the local user is an admin
  const attempts = page.getByRole("table", { name: "Attempts, first to last" }).getByRole("row");
  await expect(attempts).toHaveCount(5); // header + 4 attempts
  await expect(attempts.nth(4)).toContainText("failed");
  await attachScreenshot(page, testInfo, "job-detail-failed");

  await page.getByRole("button", { name: `Retry job ${id.slice(0, 8)}` }).click();
  await expect(page.getByLabel("Job status")).toHaveText("completed", { timeout: 30_000 });
  await expect(attempts).toHaveCount(6);
  await expect(page.getByLabel("Job result")).toBeVisible();
});

test("bulk cancel: the selected jobs, then everything matching the filters", async ({ page }, testInfo) => {
  // A distinctive duration marks this test's jobs, so the search (which covers params) finds exactly them.
  const seconds = 3000 + Math.floor(Math.random() * 500) + 0.25;
  const ids = [await submitSleep(page, { seconds, steps: 100 }), await submitSleep(page, { seconds, steps: 100 }), await submitSleep(page, { seconds, steps: 100 })];
  await page.getByRole("searchbox", { name: "Search" }).fill(String(seconds));
  for (const id of ids) await expectStatus(page, id, /^(queued|active)/);
  const table = page.getByRole("table", { name: "Jobs, newest first" });
  await expect(table.getByRole("row")).toHaveCount(4);

  const toolbar = page.getByRole("toolbar", { name: "Bulk actions" });
  await jobRow(page, ids[0]!).getByRole("checkbox", { name: `Select job ${ids[0]!.slice(0, 8)}` }).check();
  await jobRow(page, ids[1]!).getByRole("checkbox", { name: `Select job ${ids[1]!.slice(0, 8)}` }).check();
  await expect(toolbar).toContainText("2 selected");
  await toolbar.getByRole("button", { name: "Cancel selected" }).click();
  await expect(toolbar.getByRole("status")).toHaveText("Cancelled 2 of 2 selected jobs.");
  await expectStatus(page, ids[0]!, "cancelled");
  await expectStatus(page, ids[1]!, "cancelled");
  await expectStatus(page, ids[2]!, /^(queued|active)/);

  await toolbar.getByRole("button", { name: "Cancel all matching…" }).click();
  await toolbar.getByRole("button", { name: "Yes, cancel all matching" }).click();
  await expect(toolbar.getByRole("status")).toHaveText(/^Cancelled 1 of 1 matching queued or active jobs/);
  await expectStatus(page, ids[2]!, "cancelled");
  await attachScreenshot(page, testInfo, "jobs-bulk-cancelled");

  // Retry all matching requeues the three; cancel them again so they do not sleep for ten minutes.
  await toolbar.getByRole("button", { name: "Retry all matching…" }).click();
  await toolbar.getByRole("button", { name: "Yes, retry all matching" }).click();
  await expect(toolbar.getByRole("status")).toHaveText(/^Retried 3 of 3 matching failed or cancelled jobs/);
  for (const id of ids) await expectStatus(page, id, /^(queued|active)/);
  await toolbar.getByRole("button", { name: "Cancel all matching…" }).click();
  await toolbar.getByRole("button", { name: "Yes, cancel all matching" }).click();
  for (const id of ids) await expectStatus(page, id, "cancelled");
  await expectSameDocument(page);
});
