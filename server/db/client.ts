import "server-only";
import { env } from "../config/env";
import { createPrisma, type TDb } from "./create-prisma";

// One client per process; kept on globalThis so Next's dev reloads do not open a new pool each time.
const holder = globalThis as unknown as { __mbPrisma?: TDb };

export function db(): TDb {
  holder.__mbPrisma ??= createPrisma(env().DATABASE_URL, env().DATABASE_POOL_SIZE);
  return holder.__mbPrisma;
}

export async function disconnectDb(): Promise<void> {
  await holder.__mbPrisma?.$disconnect();
  holder.__mbPrisma = undefined;
}
