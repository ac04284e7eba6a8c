// Month names that stand in a name rather than a date: streets ("вулиця 8 Березня") and people ("Хто такий Травень?").
import { monthOf, PREP_WORDS } from "./time-words.js";

// Street words, before a street's name: "вулиця 8 Березня", "вул. Першого Травня", "площа 1 Травня", "ул. 8 Марта".
const STREET =
  "вулиц(?:я|і|ю|ею)|вул\\.|проспект(?:у|і|ом|а|е)?|просп\\.|площ(?:а|і|у|ею)|пл\\.|провул(?:ок|ку|ка)|пров\\.|бульвар(?:у|і|а|е)?|бул\\.|бульв\\.|" +
  "набережн(?:а|ій|ая|ой)|улиц(?:а|е|у|ы|ей)|ул\\.|площад(?:ь|и)|переул(?:ок|ке|ка)|пер\\.|street|st\\.|avenue|ave\\.|square";
const AFTER_STREET = new RegExp(`(?<![\\p{L}\\p{N}])(?:${STREET})\\s+$`, "iu");
// "на вулиці" is also "outside": "Яка погода на вулиці 8 березня?" asks about that day. After a
// street word written out, only a capitalised month is a name; after "вул." / "ул." any is.
const AFTER_ABBREVIATED_STREET = /(?<![\p{L}\p{N}])(?:вул|просп|пл|пров|бул|бульв|ул|пер|st|ave)\.\s+$/iu;
// "Хто такий Травень?", "Кто такой Май?", "Who is April?": a capitalised month after these is a person.
const WHO_IS = /(?<![\p{L}\p{N}])(?:(?:хто|кто)\s+(?:такий|така|таке|такі|такой|такая|такое|такие)|who\s+(?:is|was|are|were))\s+$/iu;
const LEADING_PREP = new RegExp(`^(?:${PREP_WORDS})\\s`, "iu");
/**
 * A month name (or a day with it) used as a name, not a date: right after a street word
 * ("вулиця 8 Березня", "на вулиці Першого Травня", "площа 1 Травня"), or capitalised after "Хто
 * такий" / "Кто такой" / "Who is" ("Хто такий Травень?"). Not after a preposition of its own
 * ("на вулиці у травні" is May), nor with a year ("площа 1 травня 2025 року" is that day).
 */
export function monthAsName(text: string, start: number, piece: string): boolean {
  if (LEADING_PREP.test(piece) || /\d{4}/u.test(piece)) return false;
  const month = piece.split(/[\s,]+/u).find((w) => monthOf(w) > 0);
  if (month === undefined) return false;
  // The words just before are enough for the street word or "Хто такий" (see REACH in rule.ts).
  const before = text.slice(Math.max(0, start - 40), start);
  const capital = /^\p{Lu}/u.test(month);
  if (AFTER_STREET.test(before)) return capital || AFTER_ABBREVIATED_STREET.test(before);
  return capital && /^\p{Lu}/u.test(piece) && WHO_IS.test(before);
}
