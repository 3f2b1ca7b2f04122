import "server-only";
import { env } from "@/server/config/env";
import { REST_ROUTES } from "@/server/rest/rest-routes";
import { buildOpenApiDocument } from "./build-document";

let cached: Record<string, unknown> | undefined;

/** This deployment's document (its auth mode decides the security section), built once per process. */
export function openApiDocument(): Record<string, unknown> {
  cached ??= buildOpenApiDocument(REST_ROUTES, { authMode: env().AUTH_MODE, gatewaySecretHeader: env().AUTH_GATEWAY_SECRET_HEADER });
  return cached;
}
