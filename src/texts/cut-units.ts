/**
 * The first `max` UTF-16 units of `text` (the unit Telegram and `String.length` count), one
 * fewer when the cut would split a surrogate pair: half an emoji is not valid text.
 */
export function cutUnits(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}
