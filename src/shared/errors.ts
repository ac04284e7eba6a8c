/** Base class: every error of ours says what failed and what to do about it. */
export class AppError extends Error {
  override name = "AppError";
}

/** A bad command line: the CLI prints the message and its usage, then exits 2. */
export class UsageError extends AppError {
  override name = "UsageError";
}

/**
 * Bad input the user named, as opposed to a run that failed: a file or folder given by a flag
 * or setting that is missing, of the wrong kind or malformed. The CLI prints the message (no
 * usage: the command line itself was fine) and exits 2, like a bad flag.
 */
export class InputError extends AppError {
  override name = "InputError";
}

/** Bad configuration (environment variable or CLI flag); the message names the variable. */
export class ConfigError extends InputError {
  override name = "ConfigError";
}

/** The index on disk is missing, corrupt, or built by another embedder/format. */
export class IndexError extends AppError {
  override name = "IndexError";
}

/**
 * The index's writer lock (a lease row, a LOCK file) was taken over by another writer, or may
 * have been: this build must not publish. `why` says which, as far as the lock can tell (a lease
 * cannot tell a takeover from renewals that failed until it ran out).
 */
export class LostLockError extends IndexError {
  constructor(why = "another instance took over (or could have, after this one could not renew it)") {
    super(`Lost the index's writer lock: ${why}; nothing was published, the serving version is unchanged.`);
  }
}

/**
 * Why a question cannot be asked as given: "empty" (nothing, or only punctuation, emoji or
 * @mentions), "link-only" (a link with no words: the link is not opened), "too-long".
 */
export type QuestionProblem = "empty" | "link-only" | "too-long";

/** A question that cannot be asked as given (see `QuestionProblem`). */
export class QuestionError extends AppError {
  override name = "QuestionError";
  constructor(
    message: string,
    readonly reason: QuestionProblem,
  ) {
    super(message);
  }
}

/**
 * An update this process was handling that another instance took over (its lease here ran out:
 * see UpdateLog.lost), and answers: what this one would still send for it is refused
 * (src/bot/taken-over.ts), so the handler stops at its next Bot API call.
 */
export class UpdateTakenOverError extends AppError {
  override name = "UpdateTakenOverError";
  constructor(readonly updateId: number) {
    super(`Update ${updateId} was taken over by another instance (its lease here ran out); nothing more is sent for it from here.`);
  }
}

/** A second re-index was requested while one runs. */
export class ReindexInProgressError extends AppError {
  override name = "ReindexInProgressError";
  /** `elsewhere`: the running build belongs to another process sharing the index (another instance). */
  constructor(readonly elsewhere = false) {
    super(elsewhere ? "Another instance is re-indexing; try again when it finishes." : "A re-index is already running; try again when it finishes.");
  }
}

/**
 * A database statement that got no answer in time (a server gone silent: the connection open,
 * nothing coming back). Its connection was closed, not reused; the statement may or may not have
 * taken effect.
 */
export class DatabaseTimeoutError extends AppError {
  override name = "DatabaseTimeoutError";
  constructor(readonly timeoutMs: number) {
    super(`The database did not answer within ${timeoutMs} ms (connection closed); check that it is up and reachable.`);
  }
}

/** Why an uploaded file was refused. */
export type UploadProblem = "bad-type" | "no-name" | "too-large" | "empty" | "not-utf8" | "no-text";

/** An uploaded file that cannot become an article; `problem` says which rule it broke. */
export class UploadError extends AppError {
  override name = "UploadError";
  constructor(
    message: string,
    readonly problem: UploadProblem,
  ) {
    super(message);
  }
}

/**
 * A name that is no article file an admin may remove: `missing` (nothing by that name),
 * `not-allowed` (outside the seeds folder, hidden, a symlink, not a `.txt`/`.md` file), or `last`
 * (the only indexed article left: the build would fail, and the old index go on serving it).
 */
export class NoSuchArticleError extends AppError {
  override name = "NoSuchArticleError";
  constructor(
    message: string,
    readonly reason: "missing" | "not-allowed" | "last",
  ) {
    super(message);
  }
}

/**
 * A configured folder that cannot be created or written, as a `ConfigError` that names the
 * setting (`folder` e.g. `The index folder "vectorstore"`, `setting` e.g. `--store (or
 * VECTORSTORE_DIR)`): a path that runs through a file, or one this user may not write to. Other
 * errors (a full disk) are returned as they are.
 */
export function explainFolderError(error: unknown, folder: string, setting: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "EEXIST" || code === "ENOTDIR") {
    return new ConfigError(`${folder} cannot be created: that path, or a folder on it, is a file. Point ${setting} at a folder, or remove the file.`);
  }
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
    const path = (error as NodeJS.ErrnoException).path;
    return new ConfigError(
      `${folder} is not writable (${code}${path ? ` on ${path}` : ""}). Point ${setting} at a folder this user may write to, or change its permissions.`,
    );
  }
  return error;
}

/** Why a path could not be used, in words, not as Node's "ENOENT: no such file or directory, open …". */
export function pathProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "ENOENT" || code === "ENOTDIR") return "it does not exist";
  if (code === "EISDIR") return "it is a folder";
  if (code === "EACCES" || code === "EPERM") return "this user may not read it";
  return error instanceof Error ? error.message : String(error);
}
