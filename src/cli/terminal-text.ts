/**
 * Control characters a terminal acts on rather than shows: C0 but the line break and the tab,
 * DEL, and C1 (U+0080–U+009F, which some terminals read as ESC + a letter). Article text, and an
 * LLM copying it, may hold them: ESC sequences that clear the screen or write the clipboard (OSC 52).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** `text` as printed to a person's terminal: the controls above removed, the rest as it was. */
export function terminalText(text: string): string {
  return text.replace(CONTROLS, "");
}

/**
 * A JSON line whose strings keep even those controls, escaped (`\u001b`, `\u009b`): JSON.stringify
 * escapes C0 only. Parsed, it is the same value; printed to a terminal, it is inert.
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
