// Who the dashboard is acting as. AUTH_MODE=none gets a loud banner: every visitor is the local admin.
type TProps = {
  mode: "none" | "sso" | "nextauth";
  caller: { userId: string; email?: string; orgId: string; teamId: string | null; role: string } | null;
};

export function IdentityBanner({ mode, caller }: TProps) {
  if (mode === "none") {
    return (
      <div role="status" aria-label="Authentication is off" className="border-b border-amber-300 bg-amber-100 px-4 py-1.5 text-center text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
        <strong className="font-semibold">Authentication is off</strong> (AUTH_MODE=none): every visitor acts as the local admin of org “{caller?.orgId ?? "local"}”. For
        development only.
      </div>
    );
  }
  if (!caller) return null;
  return (
    <div aria-label="Signed in" className="border-b border-zinc-200 bg-zinc-100 text-xs text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400">
      <p className="mx-auto flex max-w-7xl flex-wrap items-center justify-end gap-x-3 px-4 py-1">
        <span>
          Signed in as <span className="font-medium text-zinc-900 dark:text-zinc-100">{caller.email ?? caller.userId}</span>
        </span>
        <span>org {caller.orgId}</span>
        {caller.teamId ? <span>team {caller.teamId}</span> : null}
        <span>{caller.role}</span>
        {mode === "nextauth" ? (
          <a href="/api/auth/signout" className="text-indigo-700 hover:underline dark:text-indigo-400">
            Sign out
          </a>
        ) : null}
      </p>
    </div>
  );
}
