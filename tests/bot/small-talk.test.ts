import { describe, expect, it } from "vitest";
import { smallTalk } from "../../src/bot/small-talk.js";

describe("smallTalk", () => {
  it("knows thanks, acknowledgements, emoji and greetings in Ukrainian, Russian and English", () => {
    for (const t of ["Дякую!", "дуже дякую", "Спасибі", "Спасибо большое", "thanks", "Thank you!", "ok, thanks", "thx"]) expect(smallTalk(t), t).toBe("thanks");
    for (const t of ["ок", "Ok.", "окей", "добре", "ясно", "Зрозуміло", "понятно", "+", "👍", "🙏🙏", "👍🏻", "))", "got it", "cool"]) expect(smallTalk(t), t).toBe("ack");
    for (const t of ["Привіт", "привіт!", "Добрий день", "Привет", "hello", "Hi bot", "good morning"]) expect(smallTalk(t), t).toBe("greeting");
  });

  it("leaves questions alone, short ones and ones that start politely too", () => {
    for (const t of ["Хто такий Гор?", "Привіт, хто такий Гор?", "Дякую, а хто такий Гор?", "ok what about the forum?", "?", "...", "B5+1", "", "Що нового?"]) expect(smallTalk(t), t).toBeUndefined();
  });
});
