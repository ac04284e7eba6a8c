// Test helper: a terminal screen, to test what stays visible after output that moves the cursor.
// It wraps at `columns` (one column per UTF-16 unit: tests use narrow text), scrolls past `rows`
// (the cursor cannot go back above the screen's top), and understands "\n" (as a tty sends it:
// to the next line's start), "\r", ESC[nA (cursor up) and ESC[J (clear to the end of the screen).
// Any other escape sequence throws: output a real terminal might not understand fails the test.

export class FakeTerminal {
  readonly isTTY = true;
  /** Everything written, in order. */
  readonly written: string[] = [];
  /** The rows ever written, scrolled-off ones included; `wrapped[i]`: row i continues row i - 1. */
  private readonly lines: string[] = [""];
  private readonly wrapped: boolean[] = [false];
  private row = 0;
  private col = 0;
  /** The lowest row reached: the screen's bottom (clearing rows does not scroll the screen back). */
  private bottom = 0;

  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {}

  write(text: string): boolean {
    this.written.push(text);
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === "\x1b") {
        const sequence = /^\[(\d*)([AJ])/.exec(text.slice(i + 1));
        if (!sequence) throw new Error(`unexpected escape sequence: ${JSON.stringify(text.slice(i, i + 8))}`);
        i += sequence[0].length;
        if (sequence[2] === "A") this.up(Number(sequence[1] || "1"));
        else this.clearDown(sequence[1] || "0");
      } else if (ch === "\n") this.nextRow(false);
      else if (ch === "\r") this.col = 0;
      else if (ch < " ") throw new Error(`unexpected control character: ${JSON.stringify(ch)}`);
      else this.put(ch);
    }
    return true;
  }

  /** Everything shown, scrolled-off rows included, as a person would copy it: wrapped rows joined. */
  text(): string {
    return this.lines.map((line, i) => (i > 0 && !this.wrapped[i] ? `\n${line}` : line)).join("");
  }

  private put(ch: string): void {
    // The last column was written: this character goes to the next row (a soft wrap).
    if (this.col === this.columns) this.nextRow(true);
    const line = this.lines[this.row]!;
    this.lines[this.row] = line.slice(0, this.col).padEnd(this.col) + ch + line.slice(this.col + 1);
    this.col++;
  }

  private nextRow(soft: boolean): void {
    this.row++;
    this.col = 0;
    if (this.row === this.lines.length) this.lines.push("");
    this.wrapped[this.row] = soft;
    this.bottom = Math.max(this.bottom, this.row);
  }

  private up(n: number): void {
    const top = Math.max(0, this.bottom - this.rows + 1);
    this.row = Math.max(top, this.row - n);
    this.col = Math.min(this.col, this.columns - 1);
  }

  private clearDown(mode: string): void {
    if (mode !== "0") throw new Error(`unexpected ESC[${mode}J`);
    this.lines[this.row] = this.lines[this.row]!.slice(0, this.col);
    this.lines.length = this.row + 1;
    this.wrapped.length = this.row + 1;
  }
}
