// A second Ctrl+C (SIGINT) while the bot waits for answers in progress ends it at once, and the
// question it was answering is answered on the next start (the update journal), not lost.
import { describe, expect, it, vi } from "vitest";
import { MODEL_CHECK_PROMPT } from "../../src/answers/model-check.js";
import { useBotProcesses } from "../helpers/bot-processes.js";

const TOKEN = "123456:SECOND-SIGNAL";
const USER = 8100;

let released = false;
const bots = useBotProcesses({
  token: TOKEN,
  // Held (no answer) until released: the first bot is stopped mid-answer.
  chat: () => (released ? "Серджіо Гор – спеціальний посланець США [1]." : new Promise<string>(() => {})),
  // The first stop would wait this long (plus 10 s) for the held answer.
  env: { LLM_TIMEOUT_MS: "60000" },
});

describe("a second SIGINT during the stop", () => {
  it("exits at once with 130, and the question in progress is answered on the next start", async () => {
    const first = await bots.start();
    bots.api.pushText(USER, "Хто такий Серджіо Гор?");
    // The question's request, not the start-up check of the model (held too, until the stop aborts it).
    await vi.waitFor(() => expect(bots.llm.requests.some((r) => r.path.endsWith("/chat/completions") && !JSON.stringify(r.body).includes(MODEL_CHECK_PROMPT))).toBe(true), {
      timeout: 30_000,
      interval: 100,
    });

    const exited = new Promise<number | null>((resolve) => first.child.once("close", (code) => resolve(code)));
    first.child.kill("SIGINT");
    await vi.waitFor(() => expect(first.logs()).toContain('"msg":"stopping"'), { timeout: 10_000, interval: 50 });
    first.child.kill("SIGINT");
    // Without the second signal counting, the stop waits for the answer for 70 s, far past this.
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve("still running"), 20_000))]);
    expect(code).toBe(130);
    expect(first.logs()).toContain("second signal");
    expect(bots.api.sentMessages(USER)).toHaveLength(0);

    released = true;
    const second = await bots.start();
    await vi.waitFor(() => expect(bots.api.sentMessages(USER).length).toBeGreaterThan(0), { timeout: 30_000, interval: 200 });
    await second.stop();
  }, 120_000);
});
