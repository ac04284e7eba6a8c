// Words both surfaces (bot and CLI) use, so they say the same thing the same way.
import type { Lang } from "./lang.js";
import type { PluralForms } from "./plural.js";

export const COMMON_TEXTS = {
  uk: {
    sources: "Джерела",
    articles: { one: "стаття", few: "статті", many: "статей" } satisfies PluralForms,
    chunks: { one: "фрагмент", few: "фрагменти", many: "фрагментів" } satisfies PluralForms,
  },
  en: {
    sources: "Sources",
    articles: { one: "article", many: "articles" } satisfies PluralForms,
    chunks: { one: "chunk", many: "chunks" } satisfies PluralForms,
  },
} as const satisfies Record<Lang, unknown>;
