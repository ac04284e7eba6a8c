// The state folder useBotProcesses makes is removed after the file's tests (the fault tests once
// left theirs behind). No bot is started: the folder is made and removed all the same.
import { existsSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { useBotProcesses } from "./bot-processes.js";

// Registered before the helper's own afterAll, so it runs after it (vitest runs after-hooks as a stack).
afterAll(() => {
  expect(existsSync(bots.stateDir)).toBe(false);
});

const bots = useBotProcesses({ token: "123456:STATE-DIR", chat: () => "unused" });

it("makes a state folder for the bots of the file", () => {
  expect(existsSync(bots.stateDir)).toBe(true);
});
