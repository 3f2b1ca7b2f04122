// Why a source could not be prepared, in words a user understands; `code` lets callers react (retry only "unreachable").
export type TSourceErrorCode = "unreachable" | "unknown-ref" | "empty-diff" | "invalid";

export class SourceError extends Error {
  constructor(
    public readonly code: TSourceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "SourceError";
  }
}
