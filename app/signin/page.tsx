import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInButton } from "@/components/auth/sign-in-button";
import { authMode } from "@/server/auth/resolve-caller";
import { env } from "@/server/config/env";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

// next-auth's error codes (?error=) as sentences; anything else gets the generic line.
const ERRORS: Record<string, string> = {
  AccessDenied: "Your account was refused: the identity provider did not say which organisation you belong to.",
  OAuthCallback: "The identity provider's answer could not be checked. Try again.",
  OAuthSignin: "The identity provider could not be reached. Try again.",
  SessionRequired: "Sign in to continue.",
};

/** Only paths of this app: an absolute or protocol-relative URL would be an open redirect. */
function safeCallback(value: string | string[] | undefined): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const mode = authMode();
  if (mode === "none") redirect("/");
  const error = typeof params.error === "string" ? (ERRORS[params.error] ?? "Sign-in failed. Try again.") : null;
  return (
    <main className="mx-auto mt-24 max-w-sm rounded-lg border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h1 className="mb-4 text-lg font-semibold">Sign in to Memory-Break</h1>
      {error ? (
        <p role="alert" className="mb-4 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {mode === "nextauth" ? (
        <SignInButton providerName={env().AUTH_OIDC_NAME} callbackUrl={safeCallback(params.callbackUrl)} />
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">This deployment signs you in through its SSO gateway: open it through the gateway&apos;s address.</p>
      )}
    </main>
  );
}
