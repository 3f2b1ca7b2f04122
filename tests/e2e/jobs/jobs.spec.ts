import { expect, test } from "@playwright/test";
import { expectSameDocument, expectStatus, jobRow, markDocument, resumeQueueViaApi, statusCell, submitSleep } from "./jobs-page";

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
  await expect(jobRow(page, id).getByRole("cell").nth(5)).toHaveText("1/4");
  await expectSameDocument(page);

  const path = testInfo.outputPath("jobs-page.png");
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach("jobs-page", { path, contentType: "image/png" });
});

test("a job that fails every attempt ends failed, and Retry runs it again", async ({ page }) => {
  // system.sleep allows 4 attempts (retry limit 3): failing the first 4 exhausts them; the retried 5th succeeds.
  const id = await submitSleep(page, { seconds: 0.2, steps: 1, failAttempts: 4 });
  await expectStatus(page, id, "failed", 60_000);
  await expect(jobRow(page, id)).toContainText("failing attempt 4 of 4 on purpose");
  await expect(jobRow(page, id).getByRole("cell").nth(5)).toHaveText("4/4");

  await jobRow(page, id).getByRole("button", { name: /^Retry job/ }).click();
  await expectStatus(page, id, /^(queued|active|completed)/);
  await expectStatus(page, id, "completed", 30_000);
  await expect(jobRow(page, id).getByRole("cell").nth(5)).toHaveText("5/5");
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
