import { test as base } from "@playwright/test";
import { gatewayHeaders, newGatewaySecret, type TGatewayUser } from "../../helpers/gateway";
import { startNextServer, type TNextServer } from "../../helpers/next-server";
import { seedDb, type TSeedDb } from "../../helpers/seed-rows";

// /api/v1 and identity tests run against a second `next start` in AUTH_MODE=sso (same build, same database and
// worker as Playwright's own none-mode server), started once per Playwright worker.

export type TSsoServer = TNextServer & { secret: string };
export type TReply = { status: number; headers: Headers; text: string; json: any };

export const test = base.extend<object, { sso: TSsoServer; db: TSeedDb }>({
  sso: [
    async ({}, use) => {
      const secret = newGatewaySecret();
      const server = await startNextServer({ AUTH_MODE: "sso", AUTH_GATEWAY_SECRET: secret });
      await use({ ...server, secret });
      await server.stop();
    },
    { scope: "worker", timeout: 90_000 },
  ],
  db: [
    async ({}, use) => {
      const db = seedDb();
      await use(db);
      await db.close();
    },
    { scope: "worker" },
  ],
});
export { expect } from "@playwright/test";

type TCallOptions = { body?: unknown; rawBody?: string; headers?: Record<string, string>; secret?: string | null };

/** One HTTP call as `user` through the gateway (the server's secret unless `secret` says otherwise). */
export async function call(server: TSsoServer, user: TGatewayUser | null, method: string, path: string, options: TCallOptions = {}): Promise<TReply> {
  const secret = options.secret === undefined ? server.secret : options.secret;
  const headers: Record<string, string> = { ...(user ? gatewayHeaders(user, secret) : secret ? { "x-gateway-secret": secret } : {}), ...options.headers };
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await fetch(`${server.url}${path}`, { method, headers, body, redirect: "manual" });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** tRPC over HTTP, as the dashboard calls it (superjson envelope). */
export function trpc(server: TSsoServer, user: TGatewayUser, kind: "query" | "mutation", path: string, input: unknown): Promise<TReply> {
  return kind === "query"
    ? call(server, user, "GET", `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
    : call(server, user, "POST", `/api/trpc/${path}`, { body: { json: input } });
}
