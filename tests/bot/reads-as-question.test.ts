import { describe, expect, it } from "vitest";
import { readsAsQuestion } from "../../src/bot/reads-as-question.js";

describe("what reads as a question in a group without a mention", () => {
  it.each([
    ["він досі посланець?", true],
    ["а з ким він зустрівся", true],
    ["did Gor meet Japarov", true],
    ["Встречался ли Гор с Жапаровым", true],
    ["а що пишуть на https://example.org/forum", true],
    // A site named alone is what is asked about, as with a mention.
    ["Booking.com?", true],
    ["А Node.js?", true],
    // A "?" in a link asks nothing; the words around it decide.
    ["глянь https://example.org/?id=5", false],
    ["глянь example.org/news?id=5", false],
    // The "?" that ends the sentence is not the link's.
    ["це він на https://t.me/news/5?", true],
    ["Gor said that www.example.org/interview?", true],
    // Punctuation or emoji alone is a reaction, "?" or not.
    ["😂?", false],
    ["??", false],
    ["?!", false],
    ["🤔🤔?", false],
    // Remarks that open with a question word.
    ["Як завжди, мимо", false],
    ["what a day", false],
    ["Как всегда", false],
    // Exclamations built like questions, and what a question looks like beside them.
    ["Як гарно", false],
    ["Як шкода, що так вийшло", false],
    ["Как здорово", false],
    ["Яка краса", false],
    ["Який жах", false],
    ["Яка гарна новина", false],
    ["Какой ужас", false],
    ["Хто б сумнівався", false],
    ["Кто бы мог подумать", false],
    ["Як далеко від Києва форум", true],
    // "добр…" is praise ("Як добре"), but "добратися" / "добраться" is getting somewhere.
    ["Як добре", false],
    ["Як добратися до вокзалу", true],
    ["Как добраться до стадиона", true],
    ["Яка ціна квитка", true],
    ["Який жах стався в Одесі?", true],
    ["Хто буде на форумі", true],
    // An exclamation is the exclaimed word and at most one word more (up to a comma); a question
    // goes on to name what it asks about, with a verb or a time.
    ["Які цікаві новини були вчора", true],
    ["Какие интересные новости были вчера", true],
    ["Який жах стався в Одесі", true],
    ["Як цікаво пройшов форум", true],
    ["Що нового про метро", true],
    ["Які новини про метро", true],
    ["Які компанії беруть участь у форумі", true],
    ["Кто победил на выборах", true],
    ["What happened in Bishkek yesterday", true],
    // Where and when may follow an exclamation; a verb or a third word of what is asked may not.
    ["Яка краса у Карпатах", false],
    ["Какой ужас в Одессе", false],
    ["Як гарно сьогодні в Києві", false],
    ["Яка гарна погода сьогодні", false],
    ["Как красиво тут", false],
    ["Як добре працює метро у Києві", true],
    ["Який жах стався сьогодні в Одесі", true],
    ["Які цікаві новини про метро у Києві", true],
    // In the plural, an adjective and a noun with more after them ask for a list.
    ["Які цікаві новини у Києві", true],
    ["Какие хорошие рестораны в Москве", true],
    ["Які гарні фото", false],
    ["Яка краса у", false],
    ["Як гарно!", false],
    ["Як гарно тут", false],
    ["Как красиво", false],
    ["Какая интересная статья", false],
    ["Как здорово, что вы пришли", false],
    // Up to "що" / "что" too: chats often leave out its comma.
    ["Як шкода що так вийшло", false],
    ["Как хорошо что вы пришли", false],
    ["Как жаль что так вышло", false],
    ["What a mess", false],
    ["How nice", false],
    ["Які люди!", false],
    ["Дякую", false],
    ["Ok", false],
    // Short reactions to an answer are said to the group, "?" or not; surprise ends "?!".
    ...["серйозно?", "правда?", "справді?", "серьёзно?", "Серьезно?", "really?", "seriously?", "что??", "що?", "wtf?", "и что?", "і що?", "so what?", "Невже?", "Ну да?", "Ого, 12 гривен?!", "Wow, 12 hryvnias!?", "Серйозно?! 😱", "Ну і що?", "Ну и что?", "And so what?", "Та ну, серйозно?"].map(
      (text) => [text, false] as [string, boolean],
    ),
    // Real short follow-ups name what they ask.
    ...["Чому?", "Почему?", "Why?", "Коли?", "А хто?", "Скільки?", "Where?", "А вчора?", "And who else?", "Хто саме?", "Що саме?", "Правда, що Гор пішов?", "Хто це дозволив?!", "Серйозно? А хто це сказав?", "І що далі?", "Ну і коли?"].map(
      (text) => [text, true] as [string, boolean],
    ),
  ])("%s → %s", (text, expected) => {
    expect(readsAsQuestion(text)).toBe(expected);
  });
});
