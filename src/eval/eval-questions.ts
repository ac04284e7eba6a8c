import { readFile } from "node:fs/promises";
import { z } from "zod";
import { validateQuestion } from "../knowledge-base/validate-question.js";
import { InputError, pathProblem, QuestionError } from "../shared/errors.js";
import { MAX_QUESTION_CHARS } from "../texts/answer-texts.js";
import { parseIsoMoment } from "../time/calendar.js";

/** One dev-set question; `articleId` null means no article answers it (it should be refused). */
export interface EvalQuestion {
  id: string;
  articleId: string | null;
  question: string;
  answers: string[];
  /** The Wikipedia title the question is about, when the line gives one (training keeps a title's questions together). */
  title?: string;
  /** The short-set article (one paragraph) a long set's question was written about, when the line gives one. */
  passageId?: string;
  /** The moment the question is asked at (its time words are read against it), when the line gives one. */
  now?: Date;
}

const line = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  article_id: z.string().nullable(),
  question: z.string().min(1),
  answers: z.array(z.string()).default([]),
  title: z.string().optional(),
  passage_id: z.string().optional(),
  now: z
    .string()
    .transform((v, ctx) => {
      const moment = parseIsoMoment(v);
      if (moment) return moment;
      ctx.addIssue({ code: "custom", message: "not an ISO date or time" });
      return z.NEVER;
    })
    .optional(),
});

/**
 * Reads a questions JSONL file (`{id, article_id, question, answers}` per line); blank lines are
 * ignored. With `articleIds`, every non-null article_id must be one of them. A file that cannot
 * be read or used is an `InputError` (exit 2: the user's input, not a failed run).
 */
export async function readEvalQuestions(file: string, opts: { articleIds?: ReadonlySet<string> } = {}): Promise<EvalQuestion[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new InputError(`Cannot read questions file "${file}": ${pathProblem(error)}.`);
  }
  const questions: EvalQuestion[] = [];
  const lineOfId = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    let parsed: z.infer<typeof line>;
    try {
      parsed = line.parse(JSON.parse(raw));
      // A question ask refuses (empty, too long) fails here with its line, not mid-run (or in the retriever).
      // Length first: a megabyte-long line is refused at once, not after scanning its words.
      const length = parsed.question.normalize("NFC").trim().length;
      if (length > MAX_QUESTION_CHARS) throw new Error(`question: ${length} characters, more than the ${MAX_QUESTION_CHARS} ask accepts`);
      validateQuestion(parsed.question);
    } catch (error) {
      const reason = error instanceof QuestionError ? `question: ${error.message}` : error instanceof z.ZodError ? error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ") : (error as Error).message;
      throw new InputError(`${file}:${i + 1} is not a question line {id, article_id, question, answers[, now]}: ${reason}`);
    }
    // A repeated id (a line pasted twice) would count its question twice in every metric.
    const first = lineOfId.get(parsed.id);
    if (first !== undefined) throw new InputError(`${file}:${i + 1} repeats the id "${parsed.id}" of line ${first}; ids must be unique.`);
    lineOfId.set(parsed.id, i + 1);
    // A misspelt article_id would be scored as a miss on every question that names it.
    if (opts.articleIds && parsed.article_id !== null && !opts.articleIds.has(parsed.article_id)) {
      throw new InputError(`${file}:${i + 1} names article_id "${parsed.article_id}", which is no article file of the articles folder (ids are file names without extension).`);
    }
    questions.push({
      id: parsed.id,
      articleId: parsed.article_id,
      question: parsed.question,
      answers: parsed.answers,
      ...(parsed.title !== undefined ? { title: parsed.title } : {}),
      ...(parsed.passage_id !== undefined ? { passageId: parsed.passage_id } : {}),
      ...(parsed.now !== undefined ? { now: parsed.now } : {}),
    });
  });
  if (questions.length === 0) throw new InputError(`No questions in "${file}".`);
  return questions;
}
