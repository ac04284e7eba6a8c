// What every surface says to a reply that names an article past the end of the listing it replies
// to ("А про що п'ята?" under three articles): plain text, the bot escapes it.
import { COMMON_TEXTS } from "./common-texts.js";
import type { Lang } from "./lang.js";
import { pluralForm } from "./plural.js";

export const PICK_TEXTS = {
  uk: {
    pastListing: (n: number) =>
      n === 1 ? "У списку була лише одна стаття." : `У списку було лише ${n} ${pluralForm("uk", n, COMMON_TEXTS.uk.articles)}: назвіть номер від 1 до ${n}.`,
  },
  en: {
    pastListing: (n: number) => (n === 1 ? "The list had only one article." : `The list had only ${n} articles: name a number from 1 to ${n}.`),
  },
} as const satisfies Record<Lang, unknown>;

/** "The list had only N articles" for a reply that named one past them; null for any other answer. */
export function pastListingText(lang: Lang, a: { notFound: boolean; reason?: string; listingLength?: number }): string | null {
  return a.notFound && a.reason === "not-in-listing" && a.listingLength !== undefined ? PICK_TEXTS[lang].pastListing(a.listingLength) : null;
}
