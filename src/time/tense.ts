// Whether a time word is asked about the future: the tense of the question, or of the clause
// the word stands in.
import { B, E } from "./time-words.js";

// A question about the future: a day or month named without its year is the next one, not the
// last ("Що буде 10 лютого?" asked on 5 February 2026 is about 10 February 2026, not 2025).
// The auxiliaries and the synthetic future ("коштуватиме"), and the few verbs news announces
// ahead with, in the perfective future or the present of a timetable ("Що відкриють у квітні?",
// "Что откроют в апреле?", "What opens in April?" asked in June are about next April). Other
// verbs keep the past reading: a perfective future cannot be told from the present by its ending
// ("проведуть" will hold, "проводять" hold), and a news bot is mostly asked about the past.
const FUTURE_VERBS = [
  // uk: відкриє/відкриють(ся), закриє…, почне(ться)/розпочнуть…, запустить…, запрацює, стартує,
  // з'явиться, подорожчає, зміниться, пройде.
  "(?:від|за)кри(?:є(?:ться)?|ють(?:ся)?)|(?:роз)?почн(?:е(?:ться)?|уть(?:ся)?)|запуст(?:ить|ять)(?:ся)?|запрацю(?:є|ють)|старту(?:є|ють)|з['’‘ʼʻ`´′]?яв(?:иться|ляться)|(?:по|з)дорожча(?:є|ють)|змін(?:ить|ять)(?:ся)?|пройд(?:е|уть)",
  // ru: откроет/откроют(ся), закроет…, начнёт(ся)…, запустит…, заработает, стартует, появится, подорожает, изменит(ся), пройдёт.
  "(?:от|за)кро(?:ет|ют)(?:ся)?|начн(?:[её]т|ут)(?:ся)?|запуст(?:ит|ят)(?:ся)?|заработа(?:ет|ют)|старту(?:ет|ют)|появ(?:ится|ятся)|подорожа(?:ет|ют)|измен(?:ит|ят)(?:ся)?|пройд(?:[её]т|ут)",
  "opens|closes|starts|begins|launches",
].join("|");
const FUTURE_AUXILIARIES = `${B}(?:буде|будуть|будемо|станеться|відбудеться|відбудуться|трапиться|будет|будут|случится|произойд[её]т|состоится|состоятся|will|won['’]t|going\\s+to|upcoming|\\p{L}{2,}тим(?:е|уть))${E}|\\p{L}['’]ll${E}`;
export const FUTURE = new RegExp(`${FUTURE_AUXILIARIES}|${B}(?:${FUTURE_VERBS})${E}`, "iu");
export const AUXILIARY = new RegExp(FUTURE_AUXILIARIES, "iu");
// The present of what goes on, which dates only a weekend: "Що відбувається цих вихідних?", "Чи
// працює метро цими вихідними?", "Что происходит в эти выходные?", "What's on this weekend?" asked
// on a Thursday are about the coming one (the one just over is asked in the past tense: "Що писали
// цих вихідних?"). Other time words keep their reading: "Що відбувається у п'ятницю?" may be a habit.
export const PRESENT = new RegExp(
  `${B}(?:відбува(?:ється|ються)|проход(?:ить|ять|ит|ят)|трива(?:є|ють)|працю(?:є|ють)|происход(?:ит|ят)|ид(?:[её]т|ут)|работа(?:ет|ют)|happens)${E}|(?:${B}(?:is|are)|['’](?:s|re))\\s+(?:happening|going\\s+on|on|open)${E}`,
  "iu",
);
// An announcement verb dates only the time words of its own clause: "У вівторок у КМДА
// повідомили, що станцію відкриють у травні" (an article's words, or a question's "Що писали у
// п'ятницю про те, що метро закриють?") reported on the Tuesday gone, not the next one.
export const ANNOUNCED = new RegExp(`${B}(?:${FUTURE_VERBS})${E}`, "iu");
const CLAUSE_EDGE = /[,;:.!?…—–()]/u;
// At most this far either side: a long text without punctuation was read whole for each time word
// in it, quadratic (a question's clauses are shorter; a tense word further off is no longer its own).
const CLAUSE_REACH = 300;
/** The bounds of the clause around `start`-`end`: up to the punctuation on either side (see CLAUSE_REACH). */
function clauseBounds(text: string, start: number, end: number): [number, number] {
  let from = start;
  while (from > 0 && start - from < CLAUSE_REACH && !CLAUSE_EDGE.test(text[from - 1] ?? "")) from--;
  let to = end;
  while (to < text.length && to - end < CLAUSE_REACH && !CLAUSE_EDGE.test(text[to] ?? "")) to++;
  return [from, to];
}

// What a clause of time alone may hold besides its time words: ", у травні?", ", чи у травні?", "— or in May?".
const TIME_ONLY_REST = /^[\s,;:—–-]*(?:(?:а|і|й|та|чи|або|и|или|ли|or|and)[\s,;:—–-]+)*$/iu;
/**
 * The clause whose tense dates the piece `start`-`end`: its own (see ANNOUNCED), or, when it holds
 * nothing but the piece after a comma, a dash, a colon or a semicolon ("Коли відкриють метро, у
 * травні?"), the clause before it, which the piece completes.
 */
export function tenseClause(text: string, start: number, end: number): string {
  const [from, to] = clauseBounds(text, start, end);
  const joined = /[,;:—–]/u.test(text[from - 1] ?? "");
  if (!joined || !TIME_ONLY_REST.test(`${text.slice(from, start)} ${text.slice(end, to)}`)) return text.slice(from, to);
  const [before] = clauseBounds(text, from - 1, from - 1);
  return text.slice(before, to);
}
