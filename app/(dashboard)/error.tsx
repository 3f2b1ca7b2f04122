"use client";

import { ErrorMessage } from "@/components/ui/state-message";

// A page that throws while rendering (not a failed query: those show inline) lands here, inside the layout.
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorMessage title="This page failed to load" message={error.digest ? `${error.message} (${error.digest})` : error.message} onRetry={reset} />;
}
