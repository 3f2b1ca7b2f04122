import Link from "next/link";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Time } from "@/components/ui/time";
import type { TJobListItemView } from "@/server/trpc/routers/jobs/list-jobs.schema";
import { JobActions } from "./job-actions";
import { JobStatusBadge } from "./job-status-badge";

const CELL = "px-3 py-2 align-top";

export function JobRow({ job, selected, onSelect }: { job: TJobListItemView; selected: boolean; onSelect: (id: string, on: boolean) => void }) {
  const shortId = job.id.slice(0, 8);
  return (
    <tr className={`border-t border-zinc-100 dark:border-zinc-800 ${selected ? "bg-indigo-50 dark:bg-indigo-950/40" : ""}`}>
      <td className={CELL}>
        <input type="checkbox" className="size-4" aria-label={`Select job ${shortId}`} checked={selected} onChange={(e) => onSelect(job.id, e.target.checked)} />
      </td>
      <td className={CELL}>
        <Link href={`/jobs/${job.id}`} title={job.id} className="font-mono text-xs text-indigo-700 hover:underline dark:text-indigo-400">
          {shortId}
        </Link>
      </td>
      <td className={CELL}>
        <JobStatusBadge status={job.status} />
        {job.errorMessage && job.status !== "completed" ? (
          <p className="mt-1 max-w-56 truncate text-xs text-red-600 dark:text-red-400" title={job.errorMessage}>
            {job.errorMessage}
          </p>
        ) : null}
      </td>
      <td className={CELL}>{job.type}</td>
      <td className={CELL}>{job.queue}</td>
      <td className={CELL}>
        <ProgressBar value={job.progress} label={`Progress of job ${shortId}`} message={job.progressMessage} />
      </td>
      <td className={`${CELL} tabular-nums`}>
        {job.attempt}/{job.maxAttempts}
      </td>
      <td className={`${CELL} whitespace-nowrap text-xs`}>
        <Time value={job.createdAt} />
      </td>
      <td className={`${CELL} whitespace-nowrap text-xs`}>
        <Time value={job.finishedAt} />
      </td>
      <td className={`${CELL} text-right`}>
        <JobActions job={job} />
      </td>
    </tr>
  );
}
