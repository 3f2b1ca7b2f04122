import type { ReactNode } from "react";
import { Panel } from "./panel";
import { ErrorMessage, LoadingMessage } from "./state-message";

type TQuery<T> = { isPending: boolean; isError: boolean; data: T | undefined; error: { message: string } | null; refetch: () => unknown };

/**
 * A panel over one query: loading and error states (with Try again), then the content. A polled query that
 * starts failing keeps its last data and says so above it.
 */
export function QueryPanel<T>({ title, what, query, actions, children }: { title: string; what: string; query: TQuery<T>; actions?: ReactNode; children: (data: T) => ReactNode }) {
  return (
    <Panel title={title} actions={actions}>
      {query.data === undefined ? (
        query.isError ? (
          <ErrorMessage title={`Could not load ${what}`} message={query.error?.message ?? "unknown error"} onRetry={() => void query.refetch()} />
        ) : (
          <LoadingMessage>Loading {what}…</LoadingMessage>
        )
      ) : (
        <div className="flex flex-col gap-3">
          {query.isError ? <ErrorMessage title="Live updates failing" message={query.error?.message ?? "unknown error"} /> : null}
          {children(query.data)}
        </div>
      )}
    </Panel>
  );
}
