import type { ReactNode } from "react";
import { Button } from "./button";

export function LoadingMessage({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="py-6 text-center text-sm text-zinc-500 dark:text-zinc-400">
      {children}
    </p>
  );
}

export function EmptyMessage({ children }: { children: ReactNode }) {
  return <p className="py-6 text-center text-sm text-zinc-500 dark:text-zinc-400">{children}</p>;
}

export function ErrorMessage({ title, message, onRetry }: { title: string; message: string; onRetry?: () => void }) {
  return (
    <div role="alert" className="flex items-center justify-between gap-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-300">
      <span>
        <strong className="font-semibold">{title}:</strong> {message}
      </span>
      {onRetry ? (
        <Button size="sm" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}
