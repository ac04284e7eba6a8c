import type { Bot, Context } from "grammy";
import type { Update } from "grammy/types";
import { describe, expect, it, vi } from "vitest";
import { openUpdateIntake } from "../../src/bot/update-intake.js";
import { silentLogger } from "../../src/shared/logger.js";
import type { UpdateLog } from "../../src/state/bot-state-store.js";

const update = (id: number): Update => ({ update_id: id, message: { message_id: id, date: 0, chat: { id: 1, type: "private", first_name: "U" }, text: "q" } }) as Update;

/** A log whose unfinished updates show up only later (another instance died; its leases ran out). */
function laterLog(shared: boolean): UpdateLog & { sweeps: number } {
  return {
    shared,
    sweeps: 0,
    claim: async (updates) => [...updates],
    markDone: () => {},
    lost: () => false,
    async reclaim() {
      this.sweeps++;
      return { replay: this.sweeps === 3 ? [update(7)] : [], dropped: [] };
    },
    close: async () => {},
  };
}

describe("update intake", () => {
  it("on a shared log keeps taking over unfinished updates (a dead instance's), not only at start", async () => {
    const handled: number[] = [];
    const bot = { handleUpdate: async (u: Update) => void handled.push(u.update_id) } as unknown as Bot<Context>;
    const log = laterLog(true);
    const intake = await openUpdateIntake(bot, log, silentLogger, { sweepMs: 20 });
    await vi.waitFor(() => expect(handled).toEqual([7]), { timeout: 2_000, interval: 10 });
    await intake.close(100);
    const sweeps = log.sweeps;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(log.sweeps).toBe(sweeps); // stopped with the intake
  });

  it("on a log of its own only looks once, at start", async () => {
    const bot = { handleUpdate: async () => {} } as unknown as Bot<Context>;
    const log = laterLog(false);
    const intake = await openUpdateIntake(bot, log, silentLogger, { sweepMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(log.sweeps).toBe(1);
    await intake.close(100);
  });
});
