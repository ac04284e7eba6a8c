/** Languages with plural rules here (Ukrainian and Russian have three forms: one, few, many). */
export type PluralLang = "uk" | "ru" | "en";

/** The forms of a noun: `one` (1, 21), `few` (2–4, 22–24), `many` (0, 5–20, 25…); English uses one and many. */
export interface PluralForms {
  one: string;
  few?: string;
  many: string;
}

const rules = new Map<PluralLang, Intl.PluralRules>();

/** The noun form `n` takes in `lang` (CLDR rules through Intl.PluralRules). */
export function pluralForm(lang: PluralLang, n: number, forms: PluralForms): string {
  let rule = rules.get(lang);
  if (!rule) {
    rule = new Intl.PluralRules(lang);
    rules.set(lang, rule);
  }
  const category = rule.select(n);
  if (category === "one") return forms.one;
  if (category === "few") return forms.few ?? forms.many;
  return forms.many;
}

/** "21 стаття", "3 статті", "5 статей", "1 article": a count with its noun. */
export function plural(lang: PluralLang, n: number, forms: PluralForms): string {
  return `${n} ${pluralForm(lang, n, forms)}`;
}

/** "1 article", "2 articles": an English count with its noun (`pluralNoun` defaults to noun + "s"). */
export function count(n: number, noun: string, pluralNoun = `${noun}s`): string {
  return plural("en", n, { one: noun, many: pluralNoun });
}
