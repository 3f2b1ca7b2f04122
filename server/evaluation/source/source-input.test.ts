import { describe, expect, it } from "vitest";
import { parsePullRequestUrl, redactUrl, toSourceLocation, ZTaskSource } from "./source-input";

const issueAt = (input: unknown) => {
  const result = ZTaskSource.safeParse(input);
  if (result.success) throw new Error("expected a validation error");
  const issue = result.error.issues[0]!;
  return { path: issue.path.join("."), message: issue.message };
};

describe("ZTaskSource", () => {
  it("accepts pull request URLs and parses owner, repo and number", () => {
    expect(ZTaskSource.parse({ kind: "github-pr", url: "https://github.com/acme/widgets/pull/42" })).toEqual({
      kind: "github-pr",
      url: "https://github.com/acme/widgets/pull/42",
    });
    expect(parsePullRequestUrl("https://github.com/acme/widgets.js/pull/7/files")).toEqual({ owner: "acme", repo: "widgets.js", number: 7 });
  });

  it.each([
    "https://github.com/acme/widgets/issues/42",
    "https://gitlab.com/acme/widgets/pull/42",
    "http://github.com/acme/widgets/pull/42",
    "https://github.com/acme/pull/42",
    "https://github.com/acme/widgets/pull/abc",
    "not a url",
  ])("rejects the malformed pull request URL %s, naming the field", (url) => {
    const issue = issueAt({ kind: "github-pr", url });
    expect(issue.path).toBe("url");
    expect(issue.message).toMatch(/^url must be a GitHub pull request URL/);
  });

  it.each(["https://example.com/x/y.git", "ssh://git@example.com:22/x/y.git", "git://example.com/x/y", "git@github.com:acme/widgets.git", "file:///srv/repo", "/srv/repo"])(
    "accepts the repository %s",
    (repository) => {
      expect(ZTaskSource.safeParse({ kind: "git", repository, baseRef: "main", headRef: "feature/x" }).success).toBe(true);
    },
  );

  it.each(["relative/path", "-uhack", "ext::sh -c touch% /tmp/pwned", "ftp://example.com/x", ""])("rejects the repository %j", (repository) => {
    expect(issueAt({ kind: "git", repository, baseRef: "main", headRef: "dev" }).path).toBe("repository");
  });

  it.each([
    ["feature x", "must not contain whitespace"],
    ["-evil", 'must not start with "-"'],
    ["main..dev", 'must not contain ".."'],
    ["topic^", "must not contain"],
    ["topic.lock", "is not a valid git ref name"],
    ["", "is required"],
  ])("rejects the ref %j with a message naming the field", (ref, message) => {
    const head = issueAt({ kind: "git", repository: "/srv/repo", baseRef: "main", headRef: ref });
    expect(head.path).toBe("headRef");
    expect(head.message).toContain(`headRef ${message}`);
    expect(issueAt({ kind: "git", repository: "/srv/repo", baseRef: ref, headRef: "dev" }).message).toContain("baseRef");
  });

  it("accepts commit SHAs, tags and nested branch names as refs", () => {
    for (const ref of ["3f9a2c1", "v1.2.3", "refs/pull/12/head", "feature/deep/name"]) {
      expect(ZTaskSource.safeParse({ kind: "git", repository: "/srv/repo", baseRef: ref, headRef: "dev" }).success).toBe(true);
    }
  });

  it("rejects an unknown kind and extra fields", () => {
    expect(ZTaskSource.safeParse({ kind: "svn", url: "x" }).success).toBe(false);
    expect(ZTaskSource.safeParse({ kind: "github-pr", url: "https://github.com/a/b/pull/1", token: "x" }).success).toBe(false);
  });
});

describe("toSourceLocation", () => {
  it("clones a pull request from github and compares its head with the merge-base of the default branch", () => {
    expect(toSourceLocation({ kind: "github-pr", url: "https://github.com/acme/widgets/pull/42" })).toEqual({
      cloneUrl: "https://github.com/acme/widgets.git",
      baseRef: "HEAD",
      headRef: "refs/pull/42/head",
      baseIsMergeBase: true,
      displayName: "acme/widgets#42",
      isGithub: true,
    });
  });

  it("keeps git sources as given, without credentials in the display name", () => {
    const location = toSourceLocation({ kind: "git", repository: "https://me:secret@example.com/x/y.git", baseRef: "main", headRef: "dev" });
    expect(location).toMatchObject({ cloneUrl: "https://me:secret@example.com/x/y.git", baseRef: "main", headRef: "dev", baseIsMergeBase: false, isGithub: false });
    expect(location.displayName).toBe("https://example.com/x/y.git main..dev");
    expect(redactUrl("ssh://git@example.com/x")).toBe("ssh://git@example.com/x");
    expect(redactUrl("ssh://git:pw@example.com/x")).toBe("ssh://git@example.com/x");
    expect(redactUrl("https://TOKEN@github.com/a/b.git")).toBe("https://github.com/a/b.git");
  });
});
