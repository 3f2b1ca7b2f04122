// PostgreSQL NOTIFY channels of the job system (payloads are small; receivers re-read the rows).
export const CHANNELS = {
  /** Payload: JSON array of job ids whose running handlers must be aborted (coalesced, server/notify). */
  cancel: "mb_job_cancel",
  /** Payload: queue name whose pause state changed. */
  queueControl: "mb_queue_control",
  /** Payload: JSON array of job ids whose tracked row changed (started, progress, settled); coalesced. */
  status: "mb_job_status",
} as const;
