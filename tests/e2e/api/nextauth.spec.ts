import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { freePort, startNextServer, type TNextServer } from "../../helpers/next-server";
import { startOidcProvider, type TOidcServer } from "../../helpers/oidc-provider";

// AUTH_MODE=nextauth: sign in through a real OIDC provider (oidc-provider) running here, land on the dashboard
// as the user and org the ID token names, and use the same session for /api/v1.

const ORG = `idp-org-${randomBytes(3).toString("hex")}`;
let idp: TOidcServer;
let app: TNextServer;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  idp = await startOidcProvider({
    redirectUri: `${url}/api/auth/callback/oidc`,
    accounts: [
      { sub: "ada", email: "ada@idp.test", name: "Ada", org_id: ORG, team_id: "research", role: "member" },
      { sub: "drifter", email: "drifter@idp.test", name: "No Org" },
    ],
  });
  app = await startNextServer(
    {
      AUTH_MODE: "nextauth",
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
      AUTH_OIDC_ISSUER: idp.issuer,
      AUTH_OIDC_CLIENT_ID: idp.clientId,
      AUTH_OIDC_CLIENT_SECRET: idp.clientSecret,
      AUTH_OIDC_NAME: "Test IdP",
    },
    { port },
  );
});

test.afterAll(async () => {
  await app?.stop();
  await idp?.stop();
});

async function signInAs(page: import("@playwright/test").Page, login: string, path: string) {
  await page.goto(`${app.url}${path}`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("signing in through the OIDC provider reaches the dashboard as the token's user, org and role", async ({ page }) => {
  // Without a session: API 401, pages go to the sign-in page.
  expect((await fetch(`${app.url}/api/v1/tasks`)).status).toBe(401);

  await signInAs(page, "ada", "/tasks");
  await expect(page).toHaveURL(`${app.url}/tasks`);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  const identity = page.getByLabel("Signed in");
  await expect(identity).toContainText("ada@idp.test");
  await expect(identity).toContainText(`org ${ORG}`);
  await expect(identity).toContainText("member");

  // The browser's session works for /api/v1 too, as that caller.
  const me = await page.request.get(`${app.url}/api/v1/me`);
  expect(await me.json()).toEqual({ userId: "ada", email: "ada@idp.test", orgId: ORG, teamId: "research", role: "member" });
  expect((await page.request.get(`${app.url}/api/v1/tasks`)).status()).toBe(200);
  const queues = await page.request.get(`${app.url}/api/v1/queues`);
  expect((await queues.json()).canControl).toBe(false); // a member, not an admin

  // A script may send the same session token as a bearer token.
  const session = (await page.context().cookies(app.url)).find((c) => c.name === "next-auth.session-token");
  expect(session).toBeDefined();
  const bearer = await fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${session!.value}` } });
  expect(bearer.status).toBe(200);
  expect((await bearer.json()).orgId).toBe(ORG);
});

test("a user whose token names no org is refused with a message", async ({ page }) => {
  await signInAs(page, "drifter", "/");
  await expect(page).toHaveURL(/\/signin\?.*error=AccessDenied/);
  // Next's route announcer is an (empty) alert too: pick ours by its text.
  await expect(page.getByRole("alert").filter({ hasText: "did not say which organisation" })).toBeVisible();
  expect((await page.request.get(`${app.url}/api/v1/tasks`)).status()).toBe(401);
});
