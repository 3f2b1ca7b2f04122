import { exitCodeOf, startChildGroup, type ChildSpec } from "./child-group";
import { signalExitCode, type ShutdownSignals } from "./shutdown-signals";

// Supervises long-running services (web + worker) as one unit: when one dies or a signal arrives, all stop.

export interface ServiceSpec extends ChildSpec {
  /** How long the service may take to stop after SIGTERM before it is killed. */
  graceMs: number;
}

/** Resolves with the exit code for the script: the crashed service's (at least 1), or 128 + signal. */
export async function runServices(services: ServiceSpec[], shutdown: ShutdownSignals): Promise<number> {
  const running = services.map((spec) => ({ spec, group: startChildGroup(spec) }));
  const first = await Promise.race([
    ...running.map(({ spec, group }) => group.exited.then((exit) => ({ spec, exit }))),
    shutdown.promise.then((signal) => ({ signal })),
  ]);

  let code: number;
  if ("signal" in first) {
    code = signalExitCode(first.signal);
  } else {
    // Even a clean exit is a failure here: these services are meant to run until stopped.
    code = exitCodeOf(first.exit) || 1;
    console.error(`${first.spec.prefix ?? first.spec.name} exited unexpectedly (${describe(first.exit)}): stopping the others`);
  }
  await Promise.all(running.map(({ spec, group }) => group.terminate("SIGTERM", spec.graceMs)));
  return code;
}

function describe({ code, signal }: { code: number | null; signal: NodeJS.Signals | null }): string {
  return signal ? `signal ${signal}` : `code ${code}`;
}
