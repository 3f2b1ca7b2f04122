/** Entry-point glue: run, report a failure (plain errors without a stack trace), exit with the code. */
export function runMain(run: () => Promise<number>): void {
  run().then(
    (code) => process.exit(code),
    (error: unknown) => {
      // Our own errors are plain Errors with a message written for the reader; anything else is a bug: show where.
      console.error(error instanceof Error && error.name === "Error" ? error.message : error);
      process.exit(1);
    },
  );
}
