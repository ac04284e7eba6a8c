// 45 questions/s offered against a Bot API that accepts ~30 messages/s (429 + retry_after
// beyond): outgoing messages are paced, so (nearly) every question is answered.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { useBotProcesses } from "../helpers/bot-processes.js";
import { figure, percentile } from "./figures.js";

const RATE = 45;
const SECONDS = 4;
const bots = useBotProcesses({ token: "123456:FLOOD-TEST", api: { messagesPerSecond: 30, retryAfter: 1 } });

beforeAll(async () => {
  await bots.start();
});

describe("flood", () => {
  it(`${RATE} q/s for ${SECONDS} s against 30 messages/s: ≥ 99 % answered`, async () => {
    const users = Array.from({ length: RATE * SECONDS }, (_, i) => 9000 + i);
    const askedAt = new Map<number, number>();
    const started = Date.now();
    for (const [i, user] of users.entries()) {
      const due = started + (i * 1000) / RATE;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      askedAt.set(user, Date.now());
      bots.api.pushText(user, i % 2 === 0 ? "Хто такий Серджіо Гор?" : "Що таке форум B5+1?");
    }
    const answered = (): number => users.filter((u) => bots.api.sentMessages(u).length > 0).length;
    await vi.waitFor(() => expect(answered()).toBe(users.length), { timeout: 30_000, interval: 250 }).catch(() => undefined);
    const latencies = users.flatMap((u) => {
      const first = bots.api.sentMessages(u)[0];
      return first ? [first.at - askedAt.get(u)!] : [];
    });
    const share = answered() / users.length;
    figure(`flood ${RATE} q/s × ${SECONDS} s, API 30 msg/s`, {
      questions: users.length,
      answered: answered(),
      answeredShare: Number(share.toFixed(3)),
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      http429: bots.api.rateLimited,
    });
    expect(share).toBeGreaterThanOrEqual(0.99);
    // Every question got its answer, not an apology.
    expect(bots.api.sentMessages().filter((c) => /Вибачте|Sorry/.test(String(c.payload.text)))).toEqual([]);
  }, 60_000);
});
