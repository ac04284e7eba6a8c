import { askedWords, startsWithQuestionWord, words } from "../knowledge-base/knowledge-base.js";

// Short reactions to an answer, "?" or not: «серйозно?», «правда?», «що?», «і що?», «ну і що?»,
// «so what?», «wtf?». A reply of at most REACTION_WORDS words, all of them from this list, is
// surprise or doubt said to the group, not a question: the bot answered it with the whole answer again.
// Real short follow-ups name what they ask («Чому?», «А хто?», «Коли?», «Where?», «А вчора?»):
// none of those words is here.
const REACTION = new Set(
  "серйозно серьезно серьёзно справді правда реально невже неужели really seriously wtf omg wow ого вау що шо что what і и and so та да ну".split(" "),
);
const REACTION_WORDS = 3;
// "?!" or "!?" at the end (emoji or more marks may follow): «Ого, 12 гривен?!» is surprise. Only
// a message that opens like a question asks with it («Хто це дозволив?!»).
const INTERROBANG_END = /(?:[?？]+[!！]+|[!！]+[?？]+)[^\p{L}\p{N}]*$/u;

/**
 * Whether a group message that does not mention the bot reads as a question: a "?" in what it
 * asks, or a question opening ("а де він працює", "and who paid", "did Gor meet Japarov": see
 * startsWithQuestionWord). A "?" in a link ("глянь https://example.org/?id=5") asks nothing, and
 * punctuation or emoji alone ("😂?", "??", "?!") is a reaction, not an empty question, as are a
 * short reaction ("серйозно?", "і що?": see REACTION) and surprise ending "?!" ("Ого, 12
 * гривен?!"). Read as the knowledge base reads the question (askedWords): a site named alone
 * ("Booking.com?") is asked about, as it would be with a mention.
 */
export function readsAsQuestion(text: string): boolean {
  const asked = askedWords(text);
  if (!/[\p{L}\p{N}]/u.test(asked)) return false;
  const said = words(asked);
  if (said.length <= REACTION_WORDS && said.every((word) => REACTION.has(word))) return false;
  const interrobang = INTERROBANG_END.exec(asked);
  if (interrobang) return startsWithQuestionWord(asked.slice(0, interrobang.index));
  return /[?？¿]/u.test(asked) || startsWithQuestionWord(asked);
}
