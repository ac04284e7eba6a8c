import { createHash } from "node:crypto";

/**
 * The first `chars` characters of `text`'s SHA-256 in base64url (6 bits each): a key short
 * enough for Telegram's 64 bytes of callback data, in characters the data may hold.
 */
export function shortHash(text: string, chars: number): string {
  return createHash("sha256").update(text).digest("base64url").slice(0, chars);
}
