// The command menu over HTTP against the local Bot API mock: everyone's, and each admin's own
// (in their private chat), with an admin Telegram does not know skipped, not fatal.
import { Api } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN_COMMANDS, BOT_COMMANDS, setCommands } from "../../src/app/bot-commands.js";
import { silentLogger } from "../../src/shared/logger.js";
import { type BotApiMock, startBotApiMock } from "../helpers/bot-api-mock.js";

const TOKEN = "123:MENU";
let mock: BotApiMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

describe("the command menu", () => {
  it("admins get the admin commands in their own chat; one Telegram cannot find is skipped", async () => {
    const chatNotFound = { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: chat not found" } };
    mock = await startBotApiMock({
      token: TOKEN,
      respond: (method, payload) => (method === "setMyCommands" && (payload.scope as { chat_id?: number } | undefined)?.chat_id === 2 ? chatNotFound : undefined),
    });
    const api = new Api(TOKEN, { apiRoot: mock.apiRoot });
    await setCommands(api, silentLogger, new Set([1, 2, 3]));
    const set = mock.calls.filter((c) => c.method === "setMyCommands").map((c) => c.payload);
    expect(set.slice(0, 2)).toEqual([{ commands: [...BOT_COMMANDS.uk] }, { commands: [...BOT_COMMANDS.en], language_code: "en" }]);
    // The admins' menus are set side by side: in any order.
    expect(set.slice(2)).toHaveLength(4);
    expect(set.slice(2)).toEqual(expect.arrayContaining([
      { commands: [...BOT_COMMANDS.uk, ...ADMIN_COMMANDS.uk], scope: { type: "chat", chat_id: 1 } },
      { commands: [...BOT_COMMANDS.en, ...ADMIN_COMMANDS.en], scope: { type: "chat", chat_id: 1 }, language_code: "en" },
      { commands: [...BOT_COMMANDS.uk, ...ADMIN_COMMANDS.uk], scope: { type: "chat", chat_id: 3 } },
      { commands: [...BOT_COMMANDS.en, ...ADMIN_COMMANDS.en], scope: { type: "chat", chat_id: 3 }, language_code: "en" },
    ]));
    // Both languages list the same commands.
    expect(ADMIN_COMMANDS.uk.map((c) => c.command)).toEqual(ADMIN_COMMANDS.en.map((c) => c.command));
  });
});
