import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger };

// A Telegram bot token ("123456789:AA…", 35 characters after the colon). It ends up inside
// error messages we do not write ourselves (node-fetch's "request to …/bot<token>/sendMessage
// failed", nested in grammY's HttpError), so the whole log line is scrubbed, not just fields.
// Looked for only where a run of digits starts: tried at each digit of a long run, the run was
// read to its end each time (a match found inside a run is found from its start all the same).
const BOT_TOKEN = /(?<!\d)\d{3,}:[A-Za-z0-9_-]{30,}/g;
// The password in a URL's credentials ("postgres://bot:pw42@db/news"), whatever its length: a
// driver's error may quote its connection string, and a short password is a secret all the same.
// Up to the last "@" before the URL's path (as URL parsers read it), never past a quote, so the
// next field of a JSON log line stays. A scheme starts only where a run of scheme characters does:
// tried at each letter of a long run (a blob in an error), the run was read to its end each time.
const URL_PASSWORD = /(?<![a-z0-9+.-])([a-z0-9+.-]+:\/\/[^\s:/?#@"]*:)[^\s/?#"]*@/gi;
// The password in a URL's query ("postgres://bot@db/news?password=pw42", "sslpassword=" for the
// client key), which pg takes as it takes the credentials. Looked for at the parameter, not from
// the URL's scheme: a line is read once. The value ends where the parameter does, or at a quote or
// any JSON escape but "\\" (a backslash), so a quoted URL in a JSON log line keeps its closing \".
const QUERY_PASSWORD = /([?&](?:ssl)?password=)(?:[^\s"&#\\]|\\\\)*/gi;
// A libpq key/value connection string's password ("host=db user=bot password=pw42"), which an
// operator may paste as DATABASE_URL and a driver's error may quote. The keyword stands alone
// (after a space, a quote, "(" or a JSON "\n"), so "mypassword=" and a URL's "?password=" are not
// it. A bare value ends at a space, a quote or any JSON escape but "\\" (a backslash); a quoted one
// ('my pw', with \' inside, doubled in a JSON line) at its closing quote, or at the end of the JSON
// string it is in: a whole escape is replaced or none, so the line stays valid JSON. libpq takes
// only single quotes, but an operator may write double ones ("my pw"): a JSON line has them as \",
// and its value ends at the next \" or JSON "\n".
const KEY_VALUE_KEYWORD = String.raw`((?<=^|[\s"'(]|\\[nrt])(?:ssl)?password\s*=\s*)`;
const KEY_VALUE_PASSWORD = new RegExp(
  String.raw`${KEY_VALUE_KEYWORD}(?:'(?:[^'"\\]|\\\\'|\\.)*'?|\\"(?:[^"\\]|\\[^"n])*(?:\\")?|(?:[^\s"'\\]|\\\\)*)`,
  "gi",
);
// In text that is not a JSON line (an error message the CLI prints), a double-quoted value as
// written ("my pw"), up to its closing quote on the line, or else the next space (a quote closing
// the message's own: 'connect "password=" failed'). Never looked for in a JSON line, where a
// double quote after "password=" is the end of the string that keyword is in.
const KEY_VALUE_PASSWORD_DOUBLE_QUOTED = new RegExp(String.raw`${KEY_VALUE_KEYWORD}"(?:[^"\n]*"|\S*)`, "gi");

export interface LoggerOptions {
  /** Exact strings (tokens, API keys) to blank out wherever they appear in a log line (URLs' passwords are, always). */
  secrets?: readonly (string | null | undefined)[];
  /** Where the JSON lines go (default: stderr). */
  destination?: DestinationStream;
}

/**
 * `text` with every bot token, every URL's password ("postgres://bot:[redacted]@db/news",
 * "…/news?password=[redacted]") and each of `secrets` (8 characters or more, so a stray short
 * value does not blank out ordinary words) replaced by "[redacted]": what the CLI does to an
 * error message before printing it.
 */
export function redactSecrets(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  return secretRedactor(secrets)(text.replace(KEY_VALUE_PASSWORD_DOUBLE_QUOTED, "$1[redacted]"));
}

/** redactSecrets with `secrets` sorted out once: what the logger does to each line. */
function secretRedactor(secrets: readonly (string | null | undefined)[]): (text: string) => string {
  // A log line is JSON: a secret holding a quote or a backslash shows there escaped (a"b as a\"b), so
  // each is looked for as written and as JSON writes it.
  const exact = secrets
    .filter((s): s is string => typeof s === "string" && s.length >= 8)
    .flatMap((secret) => [...new Set([secret, JSON.stringify(secret).slice(1, -1)])]);
  return (text) =>
    exact.reduce(
      (out, secret) => out.replaceAll(secret, "[redacted]"),
      text.replace(BOT_TOKEN, "[redacted]").replace(URL_PASSWORD, "$1[redacted]@").replace(QUERY_PASSWORD, "$1[redacted]").replace(KEY_VALUE_PASSWORD, "$1[redacted]"),
    );
}

/** JSON logs on stderr (stdout stays clean for `--json` output); secrets are redacted. */
export function createLogger(level: string = "info", options: LoggerOptions = {}): Logger {
  const redact = secretRedactor(options.secrets ?? []);
  return pino(
    {
      level,
      redact: {
        paths: ["token", "*.token", "apiKey", "*.apiKey", "config.telegramBotToken", "config.openaiApiKey"],
        censor: "[redacted]",
      },
      serializers: { err: serializeError },
      hooks: {
        streamWrite: redact,
      },
    },
    options.destination ?? pino.destination(2),
  );
}

/**
 * pino's error serializer, without what a failed Bot API call carries besides its method and
 * Telegram's description: grammY's GrammyError has the call's whole `payload`, so an inline
 * answer's failure ("query is too old") logged the question the user typed there, and a
 * setWebhook failure the webhook secret. Nested errors (a cause) are cleaned alike.
 */
function serializeError(error: unknown): unknown {
  return withoutPayloads(error instanceof Error ? pino.stdSerializers.err(error) : error, 0);
}

function withoutPayloads(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== "object" || depth > 8) return value;
  if (value instanceof Error) return withoutPayloads(pino.stdSerializers.err(value), depth + 1);
  if (Array.isArray(value)) return value.map((item) => withoutPayloads(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key !== "payload") copy[key] = withoutPayloads(item, depth + 1);
  }
  return copy;
}

/** A logger that drops everything: the default for library code and tests. */
export const silentLogger: Logger = pino({ level: "silent" });
