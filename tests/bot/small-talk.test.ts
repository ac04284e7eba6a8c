import { describe, expect, it } from "vitest";
import { smallTalk } from "../../src/bot/small-talk.js";

describe("smallTalk", () => {
  it("knows thanks, acknowledgements, emoji and greetings in Ukrainian, Russian and English", () => {
    for (const t of ["Дякую!", "дуже дякую", "Спасибі", "Спасибо большое", "Благодарю!", "Благодарим вас", "thanks", "Thank you!", "ok, thanks", "thx", "Cheers!"]) expect(smallTalk(t), t).toBe("thanks");
    for (const t of ["ок", "Ok.", "окей", "добре", "ясно", "Зрозуміло", "понятно", "+", "👍", "🙏🙏", "👍🏻", "))", "got it", "cool"]) expect(smallTalk(t), t).toBe("ack");
    for (const t of ["Привіт", "привіт!", "Добрий день", "Привет", "hello", "Hi bot", "good morning"]) expect(smallTalk(t), t).toBe("greeting");
  });

  it("takes 'how are you?', 'what can you do?' and 'who are you?' (with a greeting or not) for a greeting, not a question the articles lack", () => {
    const about = ["How are you?", "what can you do?", "Who are you?", "What's up?", "hello there", "hi there!", "Как дела?", "Привет, как дела?", "что ты умеешь?", "Кто ты?", "Як справи?", "Що ти вмієш?", "Добрий день! Хто ти?", "hey there bot, what can you do?"];
    for (const t of about) expect(smallTalk(t), t).toBe("greeting");
    // More than that is a question: about the articles, or a follow-up.
    for (const t of ["How are you doing on the forum?", "What can you do about Gor?", "Как дела у Гора?", "how?", "who?", "what are they?"]) expect(smallTalk(t), t).toBeUndefined();
  });

  it("leaves questions alone, short ones and ones that start politely too", () => {
    for (const t of ["Хто такий Гор?", "Привіт, хто такий Гор?", "Дякую, а хто такий Гор?", "ok what about the forum?", "?", "...", "B5+1", "", "Що нового?"]) expect(smallTalk(t), t).toBeUndefined();
  });
});
