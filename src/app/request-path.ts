/**
 * The path of a request's target, or null when it is no URL at all: Node's parser lets through
 * targets such as "//[" or "//host:99999/", on which `new URL` throws, and a throw in a request
 * handler ends the whole process (the bot), so callers answer 400 instead.
 */
export function requestPath(target: string | undefined): string | null {
  try {
    return new URL(target ?? "/", "http://localhost").pathname;
  } catch {
    return null;
  }
}
