/** Base class: every error of ours says what failed and what to do about it. */
export class AppError extends Error {
  override name = "AppError";
}

/** Bad configuration (environment variable or CLI flag); the message names the variable. */
export class ConfigError extends AppError {
  override name = "ConfigError";
}

/** The index on disk is missing, corrupt, or built by another embedder/format. */
export class IndexError extends AppError {
  override name = "IndexError";
}

/** A question that cannot be asked as given (empty, only punctuation, too long). */
export class QuestionError extends AppError {
  override name = "QuestionError";
  constructor(
    message: string,
    readonly reason: "empty" | "too-long",
  ) {
    super(message);
  }
}

/** A second re-index was requested while one runs. */
export class ReindexInProgressError extends AppError {
  override name = "ReindexInProgressError";
  constructor() {
    super("A re-index is already running; try again when it finishes.");
  }
}
