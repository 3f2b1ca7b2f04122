import type { TJsonSchema, TPart, TToolSpec, TTurn } from "../types";
import { arr, blocksText, obj, pieces, sendJson, startSse, text, type TProtocolModule } from "./wire";

// OpenAI chat completions (Qwen Code, iFlow): POST /v1/chat/completions, streamed as `chat.completion.chunk` SSE lines
// ending with a usage chunk (stream_options.include_usage) and `data: [DONE]`.

function parseArgs(value: unknown): Record<string, unknown> {
  if (typeof value !== "string") return obj(value) ?? {};
  try {
    return obj(JSON.parse(value)) ?? {};
  } catch {
    return {};
  }
}

export const openai: TProtocolModule = {
  read(body, chars, route) {
    const system: string[] = [];
    const turns: TTurn[] = [];
    for (const raw of arr(body.messages)) {
      const message = obj(raw) ?? {};
      const content = blocksText(message.content);
      if (message.role === "system" || message.role === "developer") system.push(content);
      else if (message.role === "tool") {
        const part: TPart = { kind: "tool-result", callId: text(message.tool_call_id), text: content };
        const last = turns.at(-1);
        // Consecutive tool results belong to one user turn, as in the other protocols.
        if (last?.role === "user" && last.parts.every((p) => p.kind === "tool-result")) last.parts.push(part);
        else turns.push({ role: "user", parts: [part] });
      } else {
        const calls = arr(message.tool_calls).map((rawCall): TPart => {
          const call = obj(rawCall) ?? {};
          const fn = obj(call.function) ?? {};
          return { kind: "tool-call", call: { id: text(call.id), name: text(fn.name), args: parseArgs(fn.arguments) } };
        });
        const parts: TPart[] = [...(content ? [{ kind: "text" as const, text: content }] : []), ...calls];
        turns.push({ role: message.role === "assistant" ? "assistant" : "user", parts });
      }
    }
    const tools: TToolSpec[] = arr(body.tools).flatMap((raw) => {
      const fn = obj(obj(raw)?.function) ?? {};
      return fn.name ? [{ name: text(fn.name), schema: (obj(fn.parameters) ?? {}) as TJsonSchema }] : [];
    });
    const format = obj(body.response_format);
    const jsonSchema =
      format?.type === "json_schema" ? ((obj(obj(format.json_schema)?.schema) ?? {}) as TJsonSchema) : format?.type === "json_object" ? {} : undefined;
    return {
      protocol: "openai",
      model: text(body.model) || "openai-sim",
      system: system.join("\n\n"),
      turns,
      tools,
      ...(jsonSchema && { jsonSchema }),
      stream: body.stream === true || route.stream,
      chars,
    };
  },

  write(res, reply, conversation, seq) {
    const usage = { prompt_tokens: reply.usage.inputTokens, completion_tokens: reply.usage.outputTokens, total_tokens: reply.usage.inputTokens + reply.usage.outputTokens };
    const finish = reply.toolCall ? "tool_calls" : "stop";
    const toolCalls = reply.toolCall
      ? [{ index: 0, id: reply.toolCall.id, type: "function", function: { name: reply.toolCall.name, arguments: JSON.stringify(reply.toolCall.args) } }]
      : undefined;
    const base = { id: `chatcmpl-sim-${seq}`, created: 1_700_000_000, model: conversation.model };
    if (!conversation.stream) {
      sendJson(res, 200, {
        ...base,
        object: "chat.completion",
        choices: [{ index: 0, message: { role: "assistant", content: reply.text || null, ...(toolCalls && { tool_calls: toolCalls }) }, finish_reason: finish }],
        usage,
      });
      return;
    }
    startSse(res);
    const chunk = (choices: object[], extra: object = {}) => res.write(`data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices, ...extra })}\n\n`);
    chunk([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]);
    if (reply.text) for (const piece of pieces(reply.text)) chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]);
    if (toolCalls) chunk([{ index: 0, delta: { tool_calls: toolCalls }, finish_reason: null }]);
    chunk([{ index: 0, delta: {}, finish_reason: finish }]);
    chunk([], { usage });
    res.write("data: [DONE]\n\n");
    res.end();
  },
};
