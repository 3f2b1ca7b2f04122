// PostgreSQL NOTIFY channels of the job system (payloads are small; receivers re-read the rows).
export const CHANNELS = {
  /** Payload: comma-separated job ids whose running handlers must be aborted. */
  cancel: "mb_job_cancel",
  /** Payload: queue name whose pause state changed. */
  queueControl: "mb_queue_control",
} as const;
