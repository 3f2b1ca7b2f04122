// The e2e run writes jobs, pauses queues and starts a worker: never point it at a shared or production database.
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

export function assertLocalDatabase(url: string | undefined): string {
  if (!url) throw new Error("DATABASE_URL is not set: the e2e tests need a local, disposable database (`npm test` creates one).");
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("DATABASE_URL is not a valid URL");
  }
  // postgresql:///db?host=/run/postgresql is a local Unix socket; ?host= may also name a TCP host.
  const socketOrHost = parsed.searchParams.get("host");
  const hostIsLocal = parsed.hostname === "" ? socketOrHost?.startsWith("/") === true : LOCAL_HOSTS.has(parsed.hostname);
  const queryHostIsLocal = !socketOrHost || socketOrHost.startsWith("/") || LOCAL_HOSTS.has(socketOrHost);
  if (!hostIsLocal || !queryHostIsLocal) {
    throw new Error(`Refusing to run e2e tests against a non-local database (host "${parsed.hostname || socketOrHost}"). Use a local DATABASE_URL.`);
  }
  return url;
}
