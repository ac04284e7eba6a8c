// Test helper: a real knowledge base over a temp seeds folder whose LLM is the local OpenAI stub
// holding every chat request open until released, so a test can see whether the bot closes the
// model's request (an abandoned answer) or leaves it running to LLM_TIMEOUT_MS.
import { rm } from "node:fs/promises";
import { createApp } from "../../src/app/create-app.js";
import type { LocalKnowledgeBase } from "../../src/knowledge-base/open-knowledge-base.js";
import { createLogger } from "../../src/shared/logger.js";
import { type OpenAiStub, type RecordedRequest, type StubChatReply, startOpenAiStub } from "./openai-stub.js";
import { makeTempSeeds } from "./temp-seeds.js";

/** Far past any test's wait: a request still open is one nobody closed. */
export const LLM_TIMEOUT_MS = 120_000;
/** A reply the LLM answerer accepts (cites its passage). */
const REPLY = "Серджіо Гор – спеціальний посланець США [1].";

export interface HeldLlm {
  kb: LocalKnowledgeBase;
  stub: OpenAiStub;
  /** The chat completion requests so far, in order. */
  chats(): RecordedRequest[];
  /** Log lines, parsed. */
  logs(): { level: number; msg: string; [key: string]: unknown }[];
  /** Lets every held request (and later ones) be answered. */
  release(): void;
  close(): Promise<void>;
}

/** `reply`: what the stub answers once released (default: a short cited answer). */
export async function startHeldLlm(reply: StubChatReply = REPLY): Promise<HeldLlm> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const stub = await startOpenAiStub({ chat: () => released.then(() => reply) });
  const { root, config } = await makeTempSeeds();
  const lines: string[] = [];
  const logger = createLogger("debug", { destination: { write: (line: string) => void lines.push(line) } });
  const kb = await createApp({ ...config, llmModel: "openai:gpt-4.1-mini", openaiBaseUrl: stub.baseUrl, llmTimeoutMs: LLM_TIMEOUT_MS }, { logger });
  return {
    kb,
    stub,
    chats: () => stub.requests.filter((r) => r.path.endsWith("/chat/completions")),
    logs: () => lines.map((line) => JSON.parse(line) as { level: number; msg: string }),
    release,
    close: async () => {
      release();
      await stub.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
