import http from "node:http";
import { once } from "node:events";
import Provider from "oidc-provider";
import { freePort } from "./next-server";

// A real OpenID Connect provider (the oidc-provider package) for AUTH_MODE=nextauth tests. Its development
// login screen accepts any login name: the name picks the account below, whose claims carry the org and role.

export type TOidcAccount = { sub: string; email: string; name: string; org_id?: string; team_id?: string; role?: string };
export type TOidcServer = { issuer: string; clientId: string; clientSecret: string; stop(): Promise<void> };

export async function startOidcProvider(options: { accounts: TOidcAccount[]; redirectUri: string }): Promise<TOidcServer> {
  const port = await freePort();
  // "localhost", not 127.0.0.1: the app runs on 127.0.0.1, and cookies are per host, not per port.
  const issuer = `http://localhost:${port}`;
  const clientId = "memory-break-test";
  const clientSecret = "test-client-secret-that-is-long-enough";
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [options.redirectUri], response_types: ["code"], grant_types: ["authorization_code"] }],
    claims: { openid: ["sub", "org_id", "team_id", "role"], email: ["email"], profile: ["name"] },
    // Put the scope's claims into the ID token (next-auth reads the profile from it).
    conformIdTokenClaims: false,
    cookies: { keys: ["test-cookie-key-0123456789"] },
    findAccount: (_ctx, id) => {
      const account = options.accounts.find((a) => a.sub === id);
      return account ? { accountId: id, claims: () => ({ ...account }) } : undefined;
    },
  });
  const server = http.createServer(provider.callback());
  server.listen(port); // every interface: "localhost" may resolve to ::1 or 127.0.0.1
  await once(server, "listening");
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
