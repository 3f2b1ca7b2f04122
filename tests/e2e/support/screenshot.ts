import type { Page, TestInfo } from "@playwright/test";

/** A full-page screenshot attached to the test's report (and kept under test-results/ as <name>.png). */
export async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}
