import { Composer, type Context } from "grammy";
import type { Message } from "grammy/types";
import type { BotState, FeatureDeps } from "../bot-deps.js";
import { bestEffort } from "../best-effort.js";

/**
 * A group upgraded to a supergroup (Telegram does it at 200 members, or when an admin makes the
 * history visible to newcomers) goes on as a new chat with a new id, and the answers given before
 * stay messages of the old one: a reply to one of them comes from the new chat as an
 * `external_reply` naming the old chat, and its conversation is kept under the old chat's id.
 * Telegram announces the upgrade in both chats (`migrate_to_chat_id` in the old one,
 * `migrate_from_chat_id` in the new one); either records it, so such a reply continues its
 * conversation (see `upgradedFrom`). Nothing else of ours is kept per chat: budgets are per user,
 * the language is each user's, votes on old answers come from the old chat.
 */
export function chatUpgradeFeature(deps: FeatureDeps): Composer<Context> {
  const feature = new Composer<Context>();
  const record = (from: number, to: number) => bestEffort(deps.logger, "recording a group's upgrade to a supergroup", () => deps.state.conversations.set(upgradeKey(from, to), []));
  feature.on("message:migrate_to_chat_id", (ctx) => record(ctx.chat.id, ctx.message.migrate_to_chat_id));
  feature.on("message:migrate_from_chat_id", (ctx) => record(ctx.message.migrate_from_chat_id, ctx.chat.id));
  return feature;
}

/** Telegram's announcement of the upgrade, in the old group or in the new supergroup. */
export function announcesUpgrade(message: Message): boolean {
  return message.migrate_to_chat_id !== undefined || message.migrate_from_chat_id !== undefined;
}

/**
 * Whether chat `to` is the supergroup that group `from` was upgraded to. Only then is a quote of
 * an answer from `from` a follow-up in `to`: a quote from any other chat must not bring that
 * chat's questions here.
 */
export async function upgradedFrom(state: BotState, from: number, to: number): Promise<boolean> {
  return (await state.conversations.get(upgradeKey(from, to))) !== undefined;
}

// Kept with the conversations (an empty one): saved and shared as they are, and kept as long as
// the old chat's conversations it leads to.
const upgradeKey = (from: number, to: number): string => `upgrade:${from}:${to}`;
