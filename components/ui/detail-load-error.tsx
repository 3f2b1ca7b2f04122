import Link from "next/link";
import { ErrorMessage } from "./state-message";

type TLoadError = { message: string; data?: { code?: string } | null };

/** A detail page whose record could not be loaded: "not found" for unknown or malformed ids, else a retryable error. */
export function DetailLoadError({ what, error, onRetry, back }: { what: string; error: TLoadError; onRetry: () => void; back: { href: string; label: string } }) {
  const missing = error.data?.code === "NOT_FOUND" || error.data?.code === "BAD_REQUEST";
  const title = what.charAt(0).toUpperCase() + what.slice(1);
  return (
    <div className="flex flex-col gap-3">
      <h1 className="text-xl font-semibold tracking-tight">{missing ? `${title} not found` : title}</h1>
      <ErrorMessage title={missing ? `No such ${what} in your organisation` : `Could not load the ${what}`} message={error.message} onRetry={missing ? undefined : onRetry} />
      <Link href={back.href} className="text-sm text-indigo-600 underline dark:text-indigo-400">
        {back.label}
      </Link>
    </div>
  );
}
