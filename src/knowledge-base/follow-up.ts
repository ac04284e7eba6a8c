// How a reply to an answer is read: on its own words, or with the conversation's. A reply is often
// a question of its own ("Where was Gor born?"): read with the earlier turns' words it is pulled
// back to the passage they were about (on the long dev sets a full question asked as a reply got
// the right answer 0.65 of the time against 0.92 asked alone). Only a reply that leans on the
// conversation ("А хто мер?", "Скільки це коштувало?") needs its words.
import { searchableText } from "../chunks/chunk.js";
import type { RankedPassage } from "../retrieval/passage.js";
import { coverage, type WeightedTerm } from "../terms/idf.js";
import { tokenize, words } from "../terms/tokenize.js";

/**
 * Words that point back at something said before, in uk, ru and en. Left out: those that are also
 * common conjunctions or set phrases ("та", "те", "то", "тому", "тим", "that").
 */
const POINTING_BACK = new Set(
  [
    "він вона воно вони його її їх йому їй їм ним нею них нього неї",
    "цей ця це ці цього цієї цих цьому цим цією цими той ті того тієї тих тією там тоді туди звідти",
    "он она оно они его ее её их ему ей им ним ней них него нее неё",
    "этот эта это эти этого этой этих этому этим этими тот той тех там тогда туда оттуда",
    "he she it they him her his hers its their theirs them this these those there then",
  ]
    .join(" ")
    .split(" "),
);

/** Words of substance a question needs to name a topic of its own. */
const OWN_TOPIC_TERMS = 2;

/**
 * Whether a question names its own topic: two words of substance or more, and none pointing back.
 * "Як називається пустельне місто?" does; "А хто мер?" and "Скільки це коштувало?" do not.
 */
export function namesItsTopic(question: string, ownTerms: readonly string[]): boolean {
  if (new Set(ownTerms).size < OWN_TOPIC_TERMS) return false;
  return !words(question.toLowerCase()).some((word) => POINTING_BACK.has(word));
}

/** Share of the earlier questions' weight a passage must hold to be on the conversation's topic. */
const ON_TOPIC = 0.5;

/**
 * Whether a passage is about what the conversation was about: it holds at least half the weight
 * of the earlier questions' terms ("А з ким він зустрівся у Ташкенті?" after "Хто такий Гор?" is
 * answered from another article about Gor).
 */
export function continuesConversation(passage: RankedPassage | undefined, earlier: readonly WeightedTerm[]): boolean {
  if (!passage || earlier.length === 0) return false;
  return coverage(earlier, new Set(tokenize(searchableText(passage.chunk)))) >= ON_TOPIC;
}

/**
 * Whether a quote holds none of the question's own terms: a reply read with the conversation's
 * words then got a sentence of the earlier topic that does not answer it ("А хто мер?" under an
 * answer about a bridge in Lviv → a sentence about the bridge's lanes).
 */
export function missesOwnWords(quote: string, ownTerms: readonly string[]): boolean {
  if (ownTerms.length === 0) return false;
  const quoted = new Set(tokenize(quote));
  return !ownTerms.some((term) => quoted.has(term));
}
