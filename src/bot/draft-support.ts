import { GrammyError, HttpError } from "grammy";

// Failed drafts in a row (of any other kind) after which drafts are given up for good: a server
// that refuses them every time need not be asked before every answer.
const MAX_FAILURES_IN_ROW = 3;

/**
 * Whether the Bot API server takes `sendMessageDraft` (Bot API 9.5+), learnt from its answers and
 * kept for the bot's life: older self-hosted servers and test emulators do not, and answers are
 * then shown by editing a message instead.
 */
export class DraftSupport {
  private given = false;
  private failuresInRow = 0;

  /** False once the server showed it has no drafts. */
  get usable(): boolean {
    return !this.given;
  }

  succeeded(): void {
    this.failuresInRow = 0;
  }

  /** Records a failed draft (not a 429); returns true when drafts are now given up for good. */
  failed(error: unknown): boolean {
    // A network error says nothing about drafts.
    if (error instanceof HttpError) return this.given;
    if (isMissingMethod(error) || ++this.failuresInRow >= MAX_FAILURES_IN_ROW) this.given = true;
    return this.given;
  }
}

/**
 * A server that does not know the method: Telegram's server answers 404 "Not Found: method not
 * found"; an emulator may answer with something that is not a Bot API reply at all (no error code).
 */
export function isMissingMethod(error: unknown): boolean {
  if (!(error instanceof GrammyError)) return false;
  if (typeof error.error_code !== "number") return true;
  return error.error_code === 404 || /method .*(not found|unknown|unsupported)|unknown method|not implemented/i.test(error.description ?? "");
}
