import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createContext } from "@/server/trpc/context";
import { appRouter } from "@/server/trpc/root";
import { logger } from "@/server/logger";

// Every call reads live data: never cache or prerender this route.
export const dynamic = "force-dynamic";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext({ headers: req.headers }),
    onError({ error, path, ctx }) {
      // 4xx are the caller's problem; 5xx are ours and the client only sees the request id.
      if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ err: error.cause ?? error, path, requestId: ctx?.requestId }, "trpc internal error");
    },
  });
}

export { handler as GET, handler as POST };
