// Test support: a real local HTTP server speaking the OpenAI chat completions protocol, answering from a script
// of replies (one per request, the last repeated) and recording every request body.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type TScriptedReply = { status?: number; headers?: Record<string, string>; body: string };

export const chatReply = (content: string, finishReason = "stop"): TScriptedReply => ({
  body: JSON.stringify({
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 0,
    model: "judge-test",
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: finishReason }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  }),
});

export type TFakeChatServer = {
  baseUrl: string;
  requests: { path: string; headers: Record<string, string | string[] | undefined>; body: unknown }[];
  close(): Promise<void>;
};

export async function startFakeChatServer(script: TScriptedReply[]): Promise<TFakeChatServer> {
  const requests: TFakeChatServer["requests"] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      requests.push({ path: req.url ?? "", headers: req.headers, body: text ? (JSON.parse(text) as unknown) : undefined });
      const reply = script[Math.min(requests.length - 1, script.length - 1)] ?? { status: 500, body: "no script" };
      res.writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
