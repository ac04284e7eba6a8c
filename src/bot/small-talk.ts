/**
 * Messages that are not questions although they are text: thanks, an "ok", an emoji, a greeting
 * (also "how are you?" or "what can you do?", whose answer is the greeting's gist of /start).
 * Asked as questions they were answered "not covered" (with 👍/👎) and listed by /stats as gaps
 * in the articles. Only a message made of these words alone counts: "Привіт, хто такий Гор?" is a
 * question.
 */
export type SmallTalk = "thanks" | "ack" | "greeting";

// Words that may come with the core ones: "дуже дякую", "thank you so much", "ну ок".
const FILLER = new Set(["дуже", "щиро", "велике", "величезне", "большое", "огромное", "вам", "вас", "тобі", "тебе", "you", "so", "very", "much", "a", "lot", "many", "ну", "ой", "oh", "all", "everyone", "всім", "всем", "там", "бот", "bot", "there"]);
const THANKS = new Set(["дякую", "дякуємо", "дяки", "дякс", "дяк", "спасибі", "спасибо", "спс", "пасибо", "благодарю", "благодарим", "thanks", "thank", "thx", "ty", "tnx", "tysm", "cheers", "merci", "danke"]);
const ACK = new Set([
  "ок", "окей", "ok", "okay", "okey", "k", "kk", "ага", "угу", "так", "да", "yes", "yep", "добре", "гаразд", "ясно", "зрозуміло", "зрозумів", "зрозуміла",
  "понятно", "понял", "поняла", "ладно", "хорошо", "отлично", "чудово", "відмінно", "супер", "клас", "круто", "класно", "cool", "great", "nice", "got", "it", "fine", "good", "perfect",
]);
const GREETING = new Set([
  "привіт", "привітик", "вітаю", "здрастуйте", "здравствуйте", "привет", "салют", "хай", "hello", "hi", "hey", "hiya", "добрий", "доброго", "добрий", "день", "ранку", "вечора",
  "вечір", "добрый", "доброе", "утро", "вечер", "good", "morning", "afternoon", "evening",
]);

// "How are you?", "what can you do?", "who are you?" (after a greeting or not) ask about the bot,
// not the articles: answered "not covered", they also went into /stats as gaps. Whole messages
// only ("Как дела у Гора?" is a question); apostrophes are dropped ("whats up").
const ABOUT_THE_BOT = new Set([
  "how are you", "how are you doing", "how r u", "hows it going", "how is it going", "whats up", "who are you", "what are you", "what can you do", "what do you do",
  "як справи", "як ти", "як ся маєш", "хто ти", "ти хто", "що ти вмієш", "що ти можеш", "що вмієш",
  "как дела", "как ты", "как поживаешь", "кто ты", "ты кто", "что ты умеешь", "что ты можешь", "что умеешь",
]);

// Who a greeting before such a question is for: "hey there bot, what can you do?".
const ADDRESS = new Set(["bot", "бот", "there", "всім", "всем", "all", "everyone"]);

// A message without a letter or digit but with an emoji or "+": "👍", "+", "🙏🙏", "))".
const NO_WORDS = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f|[+!.)(\s])+$/u;

/** What `text` is when it is only thanks, an acknowledgement or a greeting; undefined for anything else. */
export function smallTalk(text: string): SmallTalk | undefined {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > 60) return undefined;
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return NO_WORDS.test(trimmed) && /[^!.\s]/u.test(trimmed) ? "ack" : undefined;
  const words = trimmed.toLowerCase().replace(/[’'`]/g, "").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const core = words.filter((w) => !FILLER.has(w));
  if (core.length === 0) return undefined;
  // Thanks first: "ok, thanks" is thanks.
  if (core.some((w) => THANKS.has(w)) && core.every((w) => THANKS.has(w) || ACK.has(w) || GREETING.has(w))) return "thanks";
  if (core.every((w) => GREETING.has(w)) && !core.every((w) => ACK.has(w))) return "greeting";
  if (ABOUT_THE_BOT.has(words.filter((w) => !GREETING.has(w) && !ADDRESS.has(w)).join(" "))) return "greeting";
  if (core.every((w) => ACK.has(w))) return "ack";
  return undefined;
}
