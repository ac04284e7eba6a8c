import { words } from "../knowledge-base/knowledge-base.js";

// Words that only point the bot at the message a mention replies to, or ask what it makes of it:
// «глянь», «подивись», «посмотри», «look», «check this», «what do you think?», «що скажеш?»,
// «что скажешь?», «поясни». They name nothing the articles could be searched for: a mention made
// only of them asks the replied-to message. One word more that names something («@bot це правда?»,
// «@bot а де це?») is a question of its own, asked with the replied-to message as context.
const POINTING = new Set(
  [
    // uk
    "глянь гляньте глянути подивись подивися подивіться перевір перевірте поясни поясніть прокоментуй що шо скажеш скажете думаєш думаєте знаєш знаєте це ось тут сюди будь ласка а і ну бот",
    // ru
    "посмотри посмотрите взгляни проверь проверьте объясни объясните прокомментируй что скажешь думаешь знаешь знаете это вот сюда пожалуйста плиз и",
    // en
    "look check see at this that it out here what do you think thoughts know please pls plz explain comment on and so bot",
  ]
    .join(" ")
    .split(" "),
);

/**
 * Whether what a mention says besides the mention asks nothing of its own: nothing at all («@bot»,
 * «@bot ?»), or only POINTING words. Such a mention replying to someone's message asks that message.
 */
export function pointsOnly(text: string): boolean {
  return words(text).every((word) => POINTING.has(word));
}
