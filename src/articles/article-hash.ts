import { createHash } from "node:crypto";

/**
 * An article file's fingerprint (SHA-256, hex): the manifest records it to tell a changed file,
 * and a removal records it to tell the removed article from another file of that name.
 */
export function articleHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
