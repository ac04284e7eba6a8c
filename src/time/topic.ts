// What is left of a question for its topic once its time words are gone.
import { STOP_WORDS } from "../terms/stop-words.js";
import { words } from "../terms/tokenize.js";
import { B, E } from "./time-words.js";

// Verbs and nouns that ask "what happened" without naming a topic.
const EVENT_WORDS = new Set(
  `відбулося відбувалося сталося ставалося трапилося було писали пишуть написали новини новин новина нового новенького події подій статті статей
  произошло происходило случилось было писали пишут написали новости новостей новость нового события событий статьи статей
  happened happen happens happening going on news new there written wrote articles article events event say said
  буде будуть станеться відбудеться трапиться заплановано очікується будет будут случится произойдет произойдёт состоится запланировано ожидается planned expected
  розкажи розкажіть покажи покажіть расскажи расскажите покажи покажите tell show list me us`.split(/\s+/).filter(Boolean),
);

// Parts of a day ("вчора ввечері", "сьогодні вранці", "yesterday evening"): articles are dated by
// the day, so they narrow nothing down, and as a topic they searched for the word itself ("What
// happened yesterday evening?" was "nothing on this on 9 February").
const DAY_PARTS = new Set(
  `вранці зранку ввечері увечері вночі уночі вдень удень опівдні опівночі пополудні надвечір
  утром вечером ночью днём днем
  morning evening afternoon overnight`.split(/\s+/).filter(Boolean),
);

/** Whether a word (as `words` gives it) is a part of a day ("ввечері", "утром", "evening"). */
export const isDayPart = (word: string): boolean => DAY_PARTS.has(word);

/** Whether a word asks no topic of its own: a "what happened" word or a part of a day. */
const namesNoTopic = (word: string): boolean => EVENT_WORDS.has(word) || DAY_PARTS.has(word);

/**
 * The topic words of a question without its time: "what happened / what was written" words go
 * too ("писали" is rare in news text, so it would outweigh "Львів" in BM25).
 */
export function topicOf(rest: string): string {
  return rest
    .split(/(\s+)/)
    .filter((piece) => !words(piece).some(namesNoTopic))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

// The lead-ins of a follow-up that names a period: "А як щодо минулого тижня?", "а как насчёт
// вчера?", "What about last week?". They name no topic ("щодо" and "насчёт" are no stop words: in
// "Як щодо метро?" the topic is the metro).
const LEAD_INS = new RegExp(`${B}(?:як\\s+щодо|(?:как|что|шо)\\s+насч[её]т|what\\s+about|how\\s+about)${E}`, "giu");

// "Ну а вчора?", "Ну а что было вчера?": a "well" opening a reply names no topic either.
const WELL = /^\s*ну(?=[\s,.!?…]|$)/iu;

/** The text without the lead-ins of a follow-up ("як щодо", "как насчёт", "what about", an opening "ну"). */
export function withoutLeadIns(text: string): string {
  return text.replace(WELL, " ").replace(LEAD_INS, " ");
}

/** Whether nothing but stop words, "what happened" words, parts of a day, numbers and follow-up lead-ins ("як щодо") is left. */
export function isTopicless(rest: string): boolean {
  return words(withoutLeadIns(rest)).every((w) => STOP_WORDS.has(w) || namesNoTopic(w) || /^\d+$/.test(w));
}

// A place: a preposition, then capitalised words ("в Києві", "у Львові", "в Нью-Йорке", "in New York").
const PLACE = /(?<![\p{L}\p{N}])(?:в|у|на|in|at)\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)*/gu;

/**
 * Whether a place is all the topic left ("Що сталося в Києві?", "What happened in Kyiv?"): one or
 * more, and nothing but what isTopicless allows besides. "Чи працює метро в Києві?" names more.
 */
export function isPlaceOnly(rest: string): boolean {
  const without = rest.replace(PLACE, " ");
  return without !== rest && isTopicless(without);
}

/**
 * Whether what follows figures leaves them a time: nothing, punctuation or a function word ("у 90-х
 * в Україні", "з 2010 до 2015?", "between 1980 and 1990, what…"), not a noun they count ("у 10-х
 * класах", "від 2000 до 2500 гривень", "from 2000 to 2500 people").
 */
export function endsAsTime(after: string): boolean {
  const next = /^\s*(?:([\p{L}\p{N}]+)|[^\s\p{L}\p{N}]|$)/u.exec(after);
  return next !== null && (next[1] === undefined || STOP_WORDS.has(next[1].toLowerCase()));
}
