import { StatusBadge } from "@/components/ui/badge";
import type { TJobStatus } from "@/server/jobs/schema";

export function JobStatusBadge({ status }: { status: TJobStatus }) {
  return <StatusBadge status={status} />;
}
