export interface SeedsWriteRefusal {
  kind: "read-only" | "full";
  /** The errno name, one of those below. */
  code: string;
}

/**
 * Why the server's disk refused to change the articles folder, when it is something an admin can
 * fix: "read-only" (EACCES, EPERM, EROFS: a folder the bot's user may not write, as a Docker
 * bind mount owned by another uid) or "full" (ENOSPC, EDQUOT); null for anything else. A generic
 * "try again later" never helps with these.
 */
export function seedsWriteRefusal(error: unknown): SeedsWriteRefusal | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") return { kind: "read-only", code };
  if (code === "ENOSPC" || code === "EDQUOT") return { kind: "full", code };
  return null;
}
