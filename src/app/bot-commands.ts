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

/** What admins see in their private chat with the bot besides the commands above. */
export const ADMIN_COMMANDS = {
  uk: [
    { command: "reindex", description: "Переіндексувати статті (адміни)" },
    { command: "stats", description: "Статистика і прогалини (адміни)" },
    { command: "remove", description: "Видалити статтю (адміни)" },
  ],
  en: [
    { command: "reindex", description: "Re-index the articles (admins)" },
    { command: "stats", description: "Statistics and gaps (admins)" },
    { command: "remove", description: "Remove an article (admins)" },
  ],
} as const;

/**
 * Sets the command menu, and for each admin the admin commands too in their private chat.
 * Optional (some Bot API servers do not support it), so failures are only logged.
 */
export async function setCommands(api: Api, logger: Logger, adminIds: ReadonlySet<number> = new Set()): Promise<void> {
  try {
    await api.setMyCommands([...BOT_COMMANDS.uk]);
    await api.setMyCommands([...BOT_COMMANDS.en], { language_code: "en" });
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, "could not set the command menu (ignored)");
    return;
  }
  // All admins at once: the start waits for this before it takes updates.
  await Promise.all(
    [...adminIds].map(async (adminId) => {
      const scope = { type: "chat", chat_id: adminId } as const;
      try {
        await api.setMyCommands([...BOT_COMMANDS.uk, ...ADMIN_COMMANDS.uk], { scope });
        await api.setMyCommands([...BOT_COMMANDS.en, ...ADMIN_COMMANDS.en], { scope, language_code: "en" });
      } catch (error) {
        // Usually "chat not found": an admin who has not opened a chat with the bot yet. The admin
        // commands still work; the menu shows them after the next start.
        logger.info({ adminId, err: error instanceof Error ? error.message : String(error) }, "could not set the admin command menu (ignored)");
      }
    }),
  );
}
