/**
 * Article text as shown: a run of tabs (with any spaces around it) is one space. Telegram shows a
 * tab as it is ("The\tmayor\tsaid" from a text pasted out of a table or an editor), a gap of any
 * width or none. Only what is shown: the stored chunks keep their tabs, since quote offsets and
 * the passage view count characters in them.
 */
export function untabbed(text: string): string {
  // Only from where a run of spaces starts: tried from each space of a long run, it was read to its end each time.
  return text.replace(/(?<! ) *\t[\t ]*/g, " ");
}
