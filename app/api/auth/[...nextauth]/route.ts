import NextAuth from "next-auth";
import { authMode } from "@/server/auth/resolve-caller";
import { nextAuthOptions } from "@/server/auth/nextauth-options";
import { errorResponse } from "@/server/http/route-handler";
import { notFound } from "@/server/errors";

export const dynamic = "force-dynamic";

// next-auth's endpoints (sign-in, callback, session, sign-out), only in AUTH_MODE=nextauth; 404 otherwise.
// Options are built on the first request: the environment is read at run time, not at build time.
let handler: ((req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>) | undefined;

async function handle(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  if (authMode() !== "nextauth") return errorResponse(notFound("route"), req.headers.get("x-request-id") ?? undefined);
  handler ??= NextAuth(nextAuthOptions()) as typeof handler;
  return handler!(req, ctx);
}

export { handle as GET, handle as POST };
