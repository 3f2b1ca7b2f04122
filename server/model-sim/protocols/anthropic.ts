import type { TPart, TToolSpec, TTurn } from "../types";
import { arr, blocksText, obj, pieces, sendJson, startSse, text, type TProtocolModule } from "./wire";

// Anthropic Messages (Claude Code): POST /v1/messages, streamed as SSE events (message_start, content blocks with
// text_delta / input_json_delta, message_delta with the stop reason and output tokens, message_stop).

function parts(content: unknown): TPart[] {
  if (typeof content === "string") return [{ kind: "text", text: content }];
  return arr(content).flatMap((raw): TPart[] => {
    const block = obj(raw) ?? {};
    if (block.type === "text") return [{ kind: "text", text: text(block.text) }];
    if (block.type === "tool_use") return [{ kind: "tool-call", call: { id: text(block.id), name: text(block.name), args: obj(block.input) ?? {} } }];
    if (block.type === "tool_result") return [{ kind: "tool-result", callId: text(block.tool_use_id), text: blocksText(block.content) }];
    return [];
  });
}

export const anthropic: TProtocolModule = {
  read(body, chars, route) {
    const system = [blocksText(body.system)];
    const turns: TTurn[] = [];
    for (const raw of arr(body.messages)) {
      const message = obj(raw) ?? {};
      // Claude Code also sends mid-conversation `role: "system"` messages (its environment block).
      if (message.role === "system") system.push(blocksText(message.content));
      else turns.push({ role: message.role === "assistant" ? "assistant" : "user", parts: parts(message.content) });
    }
    const tools: TToolSpec[] = arr(body.tools).flatMap((raw) => {
      const tool = obj(raw) ?? {};
      return tool.name ? [{ name: text(tool.name), schema: obj(tool.input_schema) ?? {} }] : [];
    });
    return { protocol: "anthropic", model: text(body.model) || "claude-sim", system: system.join("\n\n"), turns, tools, stream: body.stream === true || route.stream, chars };
  },

  write(res, reply, conversation, seq) {
    const id = `msg_sim_${seq}`;
    const usage = { input_tokens: reply.usage.inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    const stopReason = reply.toolCall ? "tool_use" : "end_turn";
    const content = [
      ...(reply.text ? [{ type: "text", text: reply.text }] : []),
      ...(reply.toolCall ? [{ type: "tool_use", id: reply.toolCall.id, name: reply.toolCall.name, input: reply.toolCall.args }] : []),
    ];
    if (!conversation.stream) {
      sendJson(res, 200, {
        id,
        type: "message",
        role: "assistant",
        model: conversation.model,
        content,
        stop_reason: stopReason,
        stop_sequence: null,
        usage: { ...usage, output_tokens: reply.usage.outputTokens },
      });
      return;
    }
    startSse(res);
    const event = (type: string, data: object) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
    event("message_start", {
      message: { id, type: "message", role: "assistant", model: conversation.model, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } },
    });
    content.forEach((block, index) => {
      if (block.type === "text") {
        event("content_block_start", { index, content_block: { type: "text", text: "" } });
        for (const piece of pieces(reply.text)) event("content_block_delta", { index, delta: { type: "text_delta", text: piece } });
      } else {
        event("content_block_start", { index, content_block: { ...block, input: {} } });
        event("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: JSON.stringify(block.input) } });
      }
      event("content_block_stop", { index });
    });
    event("message_delta", { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: reply.usage.outputTokens } });
    event("message_stop", {});
    res.end();
  },
};
