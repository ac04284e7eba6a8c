import { createLogger, type Logger } from "../shared/logger.js";
import type { CliIo } from "./args.js";
import { terminalText } from "./terminal-text.js";

const LEVELS: Record<number, string> = { 10: "trace", 20: "debug", 30: "info", 40: "warning", 50: "error", 60: "fatal" };
const HIDDEN = new Set(["level", "time", "pid", "hostname", "msg"]);

/**
 * The commands' logger: warnings and above by default (LOG_LEVEL raises or lowers that), as
 * one human line each on stderr ("warning: LLM answer unusable … (reason: timeout)"), not the
 * bot's JSON lines, so they read well between a command's own output. Secrets are scrubbed.
 */
export function createCliLogger(io: CliIo, level: string, secrets: readonly (string | null)[] = []): Logger {
  return createLogger(io.env.LOG_LEVEL ? level : "warn", {
    secrets,
    destination: {
      write(line: string) {
        // A warning may quote an article's title or a model's words: printed inert (terminal-text.ts).
        io.stderr.write(`${terminalText(humanLine(line))}\n`);
      },
    },
  });
}

/**
 * One pino JSON line as `level: message (key: value, …)`, on one line: a provider's error text
 * may span several ("429 …\n\nTroubleshooting URL: https://…\n", LangChain's pointer to its docs,
 * left out here). The bot's JSON logs keep the text as it was.
 */
export function humanLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return oneLine(json);
  }
  const details = Object.entries(record)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, value]) => `${key}: ${describe(value)}`);
  const level = LEVELS[Number(record.level)] ?? "log";
  return `${level}: ${oneLine(String(record.msg ?? ""))}${details.length ? ` (${details.join(", ")})` : ""}`;
}

/** `text` without LangChain's "Troubleshooting URL: …", each run of spaces and line breaks one space. */
function oneLine(text: string): string {
  return text.replace(/\s*Troubleshooting URL: \S+/g, "").replace(/\s+/g, " ").trim();
}

function describe(value: unknown): string {
  if (value && typeof value === "object" && "message" in value) return oneLine(String((value as { message: unknown }).message));
  return oneLine(typeof value === "string" ? value : JSON.stringify(value));
}
