import { describe, expect, it } from "vitest";
import { matchRestRoute } from "./rest-dispatch";
import { REST_ROUTES } from "./rest-routes";

// The production server answers these paths itself; what matchRestRoute refuses goes on to Next's router.

const sample = (path: string) => path.replace(/\{(\w+)\}/g, (_, name: string) => `sample-${name}`);

describe("matchRestRoute", () => {
  it("matches every documented operation, with its path parameters", () => {
    for (const route of REST_ROUTES) {
      const match = matchRestRoute(route.method, sample(route.path));
      expect(match, `${route.method} ${route.path}`).not.toBeNull();
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      expect(match!.params).toEqual(Object.fromEntries(names.map((name) => [name, `sample-${name}`])));
    }
  });

  it("picks the operation by method on a shared path", () => {
    const get = matchRestRoute("GET", "/api/v1/tasks");
    const post = matchRestRoute("POST", "/api/v1/tasks");
    expect(get).not.toBeNull();
    expect(post).not.toBeNull();
    expect(get!.handler).not.toBe(post!.handler);
  });

  it("decodes path parameters as Next does, and leaves malformed escapes to Next", () => {
    expect(matchRestRoute("GET", "/api/v1/tasks/a%20b%2Fc")?.params).toEqual({ id: "a b/c" });
    expect(matchRestRoute("GET", "/api/v1/tasks/%E0%A4%A")).toBeNull();
  });

  it("leaves to Next what is not an exact match", () => {
    for (const [method, path] of [
      ["GET", "/api/v1/tasks/"], // trailing slash: Next redirects
      ["GET", "/api/v1/tasks//agents"], // empty parameter
      ["HEAD", "/api/v1/tasks"], // Next answers HEAD and OPTIONS itself
      ["OPTIONS", "/api/v1/tasks"],
      ["PUT", "/api/v1/tasks"],
      ["GET", "/api/v1/openapi.json"], // a route of its own, not a REST operation
      ["GET", "/api/v1/logs/abc/stream"],
      ["GET", "/api/v1/no-such-thing"],
      ["GET", "/api/trpc/tasks.list"],
      ["GET", "/api/v1"],
    ] as const) {
      expect(matchRestRoute(method, path), `${method} ${path}`).toBeNull();
    }
  });
});
