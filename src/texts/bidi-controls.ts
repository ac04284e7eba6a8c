// Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). Shown, an override
// makes the text after it read reversed ("\u202Egpj.exe" reads "exe.jpg") and an unclosed one runs
// on into the words after it, so a quoted source or someone's question could read other than it
// was written. Right-to-left text needs only the marks (U+200E, U+200F), which stay.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** `text` without bidi embeddings, overrides and isolates (they are zero-width: nothing replaces them). */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, "");
}
