import type { TJsonSchema, TPart, TToolSpec, TTurn } from "../types";
import { arr, blocksText, obj, pieces, sendJson, startSse, text, type TProtocolModule } from "./wire";

// Gemini API (Gemini CLI): POST /v1beta/models/{model}:generateContent, or :streamGenerateContent?alt=sse with one
// GenerateContentResponse per SSE `data:` line. JSON-mode calls carry generationConfig.responseMimeType and a schema.

export const gemini: TProtocolModule = {
  read(body, chars, route) {
    const instruction = body.systemInstruction;
    const system = typeof instruction === "string" ? instruction : blocksText(obj(instruction)?.parts);
    // Function calls may come without ids: a response pairs with the oldest open call of the same name.
    const open = new Map<string, string[]>();
    let callCount = 0;
    const turns: TTurn[] = arr(body.contents).map((raw) => {
      const content = obj(raw) ?? {};
      const parts = arr(content.parts).flatMap((rawPart): TPart[] => {
        const part = obj(rawPart) ?? {};
        if (part.thought === true) return [];
        if (typeof part.text === "string") return [{ kind: "text", text: part.text }];
        const call = obj(part.functionCall);
        if (call) {
          const name = text(call.name);
          const id = text(call.id) || `${name}#${callCount++}`;
          open.set(name, [...(open.get(name) ?? []), id]);
          return [{ kind: "tool-call", call: { id, name, args: obj(call.args) ?? {} } }];
        }
        const response = obj(part.functionResponse);
        if (response) {
          const name = text(response.name);
          const queue = open.get(name) ?? [];
          const id = text(response.id) || queue[0];
          open.set(name, queue.filter((queued) => queued !== id));
          const payload = obj(response.response) ?? {};
          const output = typeof payload.output === "string" ? payload.output : JSON.stringify(payload);
          return [{ kind: "tool-result", callId: id, name, text: output }];
        }
        return [];
      });
      return { role: content.role === "model" ? "assistant" : "user", parts };
    });
    const tools: TToolSpec[] = arr(body.tools).flatMap((rawTool) =>
      arr(obj(rawTool)?.functionDeclarations).flatMap((rawDecl) => {
        const decl = obj(rawDecl) ?? {};
        return decl.name ? [{ name: text(decl.name), schema: (obj(decl.parametersJsonSchema) ?? obj(decl.parameters) ?? {}) as TJsonSchema }] : [];
      }),
    );
    const config = obj(body.generationConfig) ?? {};
    const jsonSchema = config.responseMimeType === "application/json" ? ((obj(config.responseJsonSchema) ?? obj(config.responseSchema) ?? {}) as TJsonSchema) : undefined;
    return { protocol: "gemini", model: route.model ?? "gemini-sim", system, turns, tools, ...(jsonSchema && { jsonSchema }), stream: route.stream, chars };
  },

  write(res, reply, conversation, seq) {
    const usageMetadata = {
      promptTokenCount: reply.usage.inputTokens,
      candidatesTokenCount: reply.usage.outputTokens,
      totalTokenCount: reply.usage.inputTokens + reply.usage.outputTokens,
    };
    const response = (parts: object[], last: boolean) => ({
      candidates: [{ content: { role: "model", parts }, index: 0, ...(last && { finishReason: "STOP" }) }],
      ...(last && { usageMetadata }),
      modelVersion: conversation.model,
      responseId: `sim-${seq}`,
    });
    const callPart = reply.toolCall ? [{ functionCall: { name: reply.toolCall.name, args: reply.toolCall.args, id: reply.toolCall.id } }] : [];
    if (!conversation.stream) {
      sendJson(res, 200, response([...(reply.text ? [{ text: reply.text }] : []), ...callPart], true));
      return;
    }
    startSse(res);
    const chunks: object[][] = [...(reply.text ? pieces(reply.text).map((piece) => [{ text: piece }]) : []), ...(callPart.length ? [callPart] : [])];
    if (chunks.length === 0) chunks.push([{ text: "" }]);
    chunks.forEach((parts, i) => res.write(`data: ${JSON.stringify(response(parts, i === chunks.length - 1))}\r\n\r\n`));
    res.end();
  },
};
