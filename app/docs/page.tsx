import type { Metadata } from "next";
import { openApiDocument } from "@/server/openapi/openapi-document";
import { Operation, type TOperation } from "./operation";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API" };

type TDocument = { info: { title: string; description: string }; tags: { name: string }[]; paths: Record<string, Record<string, TOperation & { tags?: string[] }>> };

/** /docs: the OpenAPI document (the same object /api/v1/openapi.json serves) as a page, grouped by tag. */
export default function ApiDocsPage() {
  const doc = openApiDocument() as unknown as TDocument;
  const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
  return (
    <main className="mx-auto max-w-5xl px-4 py-6">
      <h1 className="text-2xl font-semibold">{doc.info.title}</h1>
      <p className="mt-2 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">{doc.info.description}</p>
      <p className="mt-2 text-sm">
        Machine-readable: <a className="text-indigo-700 underline dark:text-indigo-400" href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).
      </p>
      <nav aria-label="API sections" className="mt-4 flex flex-wrap gap-3 text-sm">
        {doc.tags.map((t) => (
          <a key={t.name} href={`#tag-${t.name}`} className="text-indigo-700 hover:underline dark:text-indigo-400">
            {t.name}
          </a>
        ))}
      </nav>
      {doc.tags.map((t) => (
        <section key={t.name} aria-labelledby={`tag-${t.name}`} className="mt-8">
          <h2 id={`tag-${t.name}`} className="mb-3 text-lg font-semibold">
            {t.name}
          </h2>
          <div className="space-y-3">
            {operations
              .filter(({ op }) => op.tags?.includes(t.name))
              .map(({ path, method, op }) => (
                <Operation key={`${method} ${path}`} method={method} path={path} op={op} />
              ))}
          </div>
        </section>
      ))}
    </main>
  );
}
