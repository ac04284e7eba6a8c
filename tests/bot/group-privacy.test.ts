import { describe, expect, it } from "vitest";
import { makeBot, sent, textUpdate } from "./harness.js";

const textOf = (call: { payload: Record<string, unknown> } | undefined): string => String(call?.payload.text ?? "");

// /stats quotes group questions that found nothing, and group questions whose answers got 👎, to
// the bot's administrators, who need not be members of that group. The group's members are told
// where they learn how to ask: the group's help (posted when the bot joins, and /help there).
describe("what a group is told about its questions", () => {
  it("the group's help says unanswered and 👎-rated questions may be shown to the bot's administrators, without who asked", async () => {
    const { bot, calls } = makeBot();
    await bot.handleUpdate(textUpdate("/help", { chat: "supergroup", languageCode: "en" }));
    await bot.handleUpdate(textUpdate("/help", { chat: "group" }));
    const [en, uk] = sent(calls).map(textOf);
    expect(en).toContain("Questions asked here that I cannot answer, or whose answers get 👎, may be shown to the bot's administrators (the question only, not who asked).");
    expect(uk).toContain("Питання, поставлені тут, на які я не знаю відповіді або чиї відповіді отримали 👎, можуть бачити адміністратори бота (лише питання, не хто питав).");
  });

  it("a private chat's help promises nothing of the kind: its questions are never shown", async () => {
    const { bot, calls } = makeBot();
    await bot.handleUpdate(textUpdate("/help", { languageCode: "en" }));
    await bot.handleUpdate(textUpdate("/help"));
    const [en, uk] = sent(calls).map(textOf);
    expect(en).not.toContain("administrators");
    expect(uk).not.toContain("адміністратори бота");
  });
});
