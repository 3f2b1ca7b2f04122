/** The running attempts of this process, by job id, so a cancel or shutdown can abort them. */
export class AbortRegistry {
  private readonly running = new Map<string, AbortController>();

  add(jobId: string, controller: AbortController): void {
    this.running.set(jobId, controller);
  }

  remove(jobId: string): void {
    this.running.delete(jobId);
  }

  abort(jobId: string, reason: Error): boolean {
    const controller = this.running.get(jobId);
    controller?.abort(reason);
    return controller !== undefined;
  }

  abortAll(reason: Error): void {
    for (const controller of this.running.values()) controller.abort(reason);
  }

  ids(): string[] {
    return [...this.running.keys()];
  }

  get size(): number {
    return this.running.size;
  }
}
