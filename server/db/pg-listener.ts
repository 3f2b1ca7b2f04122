import pg from "pg";
import { logger } from "../logger";

type TOptions = {
  url: string;
  channels: string[];
  onNotification: (channel: string, payload: string) => void;
  /** Called after every (re)subscribe: notifications sent while disconnected are lost, so re-read state. */
  onSubscribed?: () => void;
};

/**
 * A dedicated LISTEN connection that reconnects by itself (PostgreSQL restarts, network drops),
 * backing off from 0.5 s to 5 s. Pooled connections cannot hold a LISTEN.
 */
export class PgListener {
  private client: pg.Client | undefined;
  private stopped = false;
  private retryMs = 500;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: TOptions) {}

  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.options.url, keepAlive: true, application_name: "memory-break-listener" });
    client.on("notification", (msg) => this.options.onNotification(msg.channel, msg.payload ?? ""));
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client));
    try {
      await client.connect();
      for (const channel of this.options.channels) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      this.client = client;
      this.retryMs = 500;
      this.options.onSubscribed?.();
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: pg.Client, error?: unknown): void {
    if (this.stopped || (this.client && this.client !== client)) return;
    this.client = undefined;
    client.removeAllListeners("end");
    client.end().catch(() => undefined);
    logger.warn({ err: error, retryInMs: this.retryMs }, "LISTEN connection lost; reconnecting");
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 5000);
  }
}
