import type { Api } from "grammy";
import type { Logger } from "../shared/logger.js";

/** The command menu Telegram clients show: Ukrainian by default, English for English clients. */
export const BOT_COMMANDS = {
  uk: [
    { command: "help", description: "Що я знаю і як питати" },
    { command: "latest", description: "Найновіші статті" },
    { command: "ask", description: "Поставити питання (у групах)" },
  ],
  en: [
    { command: "help", description: "What I know and how to ask" },
    { command: "latest", description: "The newest articles" },
    { command: "ask", description: "Ask a question (in groups)" },
  ],
} as const;

/** Sets the command menu; optional (some Bot API servers do not support it), so failures are only logged. */
export async function setCommands(api: Api, logger: Logger): Promise<void> {
  try {
    await api.setMyCommands([...BOT_COMMANDS.uk]);
    await api.setMyCommands([...BOT_COMMANDS.en], { language_code: "en" });
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, "could not set the command menu (ignored)");
  }
}
