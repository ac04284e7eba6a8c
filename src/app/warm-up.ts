// The first question after start took ~0.3 s, later ones ~20 ms, and under a flood every answer
// queued behind it: V8 compiles each of the time rules' ~150 regular expressions (src/time/rules.ts)
// on its first use, and again to machine code on its second. Asking twice right after the index
// opens pays that before anyone waits. V8 compiles an expression once more for a string of Latin-1
// characters only (stored a byte a character), which a Cyrillic question is not: the first English
// question still took ~50 ms more than the rest, until an English one was asked here too (once is
// enough, the expressions are machine code by then).
import type { KnowledgeBase } from "../knowledge-base/knowledge-base.js";
import type { Logger } from "../shared/logger.js";

// Days that do not exist: every time rule reads them, and the answer returns before the embedder
// and the answerer, so a remote embeddings server or an LLM is never called (nor paid) for them.
const WARM_UP_QUESTION = "Що було 31 лютого?";
const LATIN_WARM_UP_QUESTION = "What happened on February 31?";

/** Asks the knowledge base three times for no one; never fails (a failure only costs the first question its speed). */
export async function warmUp(kb: Pick<KnowledgeBase, "ask">, logger: Logger): Promise<void> {
  const started = performance.now();
  try {
    await kb.ask(WARM_UP_QUESTION);
    await kb.ask(WARM_UP_QUESTION);
    await kb.ask(LATIN_WARM_UP_QUESTION);
    logger.debug({ ms: Math.round(performance.now() - started) }, "question path warmed up");
  } catch (error) {
    logger.debug({ err: error instanceof Error ? error.message : String(error) }, "could not warm up the question path");
  }
}
