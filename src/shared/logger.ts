import { pino, type Logger } from "pino";

export type { Logger };

/** JSON logs on stderr (stdout stays clean for `--json` output); secrets are redacted. */
export function createLogger(level: string = "info"): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ["token", "*.token", "apiKey", "*.apiKey", "config.telegramBotToken", "config.openaiApiKey"],
        censor: "[redacted]",
      },
    },
    pino.destination(2),
  );
}

/** A logger that drops everything: the default for library code and tests. */
export const silentLogger: Logger = pino({ level: "silent" });
