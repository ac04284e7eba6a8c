import type { EmbeddingsProvider } from "../embeddings/create-embedder.js";
import { ConfigError } from "../shared/errors.js";
import { DEFAULT_SCHEMA, isSchemaName } from "../store/postgres/namespace.js";

/** Everything configurable, parsed once by an entry point and passed down. */
export interface Config {
  telegramBotToken: string | null;
  telegramApiRoot: string | null;
  adminIds: ReadonlySet<number>;
  seedsDir: string;
  vectorstoreDir: string;
  /** The bot's state files (update journal, conversations, stats, votes); default `<VECTORSTORE_DIR>/state`; unused with DATABASE_URL. */
  stateDir: string;
  embeddingsProvider: EmbeddingsProvider;
  /** Model name for remote embeddings (ignored by `local`). */
  embeddingsModel: string;
  /** Empty = extractive answers; e.g. `openai:gpt-4.1-mini`. */
  llmModel: string | null;
  llmTimeoutMs: number;
  /** Longest LLM reply, in tokens (the provider's max_tokens). */
  llmMaxTokens: number;
  openaiApiKey: string | null;
  openaiBaseUrl: string | null;
  webhookUrl: string | null;
  webhookSecret: string | null;
  port: number;
  /** A `/healthz` listener on this port (any mode); null = none (webhook mode serves it on PORT). */
  healthPort: number | null;
  logLevel: string;
  maxArticleBytes: number;
  /** Postgres (`postgres://…`): the index lives there instead of VECTORSTORE_DIR; null = files. */
  databaseUrl: string | null;
  /** The namespace (Postgres schema) of the index in that database. */
  databaseSchema: string;
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/** Reads the environment; a bad value throws a `ConfigError` that names the variable. */
export function loadConfig(env: Env): Config {
  const text = (name: string): string | null => {
    const value = env[name]?.trim();
    // dotenv and compose take quotes off; docker run --env-file and Kubernetes keep them, and a
    // quoted key was sent as is, to be refused as a wrong key. Not echoed: it may be a secret.
    if (value && /^(["'])[\s\S]*\1$/.test(value) && value.length > 1) {
      throw new ConfigError(`${name} is in quotes, which are kept as part of its value where the environment is not read from .env by the bot (docker run --env-file, Kubernetes): remove them.`);
    }
    return value ? value : null;
  };
  /** An http(s) URL; a `secret` one (its path may hold a token) is never echoed in an error. */
  const url = (name: string, options: { secret?: boolean; noCredentials?: string } = {}): string | null => {
    const value = text(name);
    if (value === null) return null;
    try {
      const parsed = new URL(value);
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("not http(s)");
    } catch {
      const got = options.secret ? " (the value is not shown: its path may hold a secret)" : `, got "${value}"`;
      throw new ConfigError(`${name} must be an http(s) URL${got}.`);
    }
    const parsed = new URL(value);
    if (options.noCredentials && (parsed.username || parsed.password)) {
      throw new ConfigError(`${name} must not hold a user name or password (requests to it would all fail); ${options.noCredentials}.`);
    }
    return value;
  };
  /**
   * A URL the clients append each call's path to (`<root>/bot<token>/getMe`, `<base>/chat/completions`),
   * so without trailing slashes, and with no query or fragment: the path would land inside it
   * (`…/v1?api-key=k/chat/completions`) and every call fail. Not echoed: a query may hold a key.
   */
  const baseUrl = (name: string, options: { calls: string; advice: string; noCredentials?: string }): string | null => {
    if (/[?#]/.test(text(name) ?? "")) {
      throw new ConfigError(`${name} must not have a query (?…) or fragment (#…): each call's path (${options.calls}) is added after the whole URL, so every call would fail. ${options.advice}.`);
    }
    return url(name, options)?.replace(/\/+$/, "") ?? null;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const value = text(name);
    if (value === null) return fallback;
    const n = Number(value);
    // Digits only, as for ADMIN_IDS: Number() alone reads "0x50" as 80 and "2e4" as 20000.
    if (!/^\d+$/.test(value) || n < min || n > max) {
      throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${value}".`);
    }
    return n;
  };

  const adminIds = new Set<number>();
  for (const part of (text("ADMIN_IDS") ?? "").split(",")) {
    const id = part.trim();
    if (!id) continue;
    // A safe integer too: a longer run of digits would be rounded to another id, silently.
    if (!/^\d+$/.test(id) || !Number.isSafeInteger(Number(id))) {
      throw new ConfigError(`ADMIN_IDS must be comma-separated numeric Telegram user ids, got "${id}".`);
    }
    adminIds.add(Number(id));
  }

  const provider = (text("EMBEDDINGS_PROVIDER") ?? "local").toLowerCase();
  if (provider !== "local" && provider !== "openai") {
    throw new ConfigError(`EMBEDDINGS_PROVIDER must be "local" or "openai", got "${provider}".`);
  }

  const logLevel = (text("LOG_LEVEL") ?? "info").toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${logLevel}".`);
  }

  // The shape BotFather gives ("123456789:AAH…"). Telegram answers a token of another shape with
  // 404, which start-up would otherwise report, after the index build, as an unreachable API.
  // The value is not echoed: it is a secret, and may be a real token mistyped.
  const telegramBotToken = text("TELEGRAM_BOT_TOKEN");
  if (telegramBotToken !== null && !/^\d+:[A-Za-z0-9_-]+$/.test(telegramBotToken)) {
    throw new ConfigError(
      "TELEGRAM_BOT_TOKEN is not a bot token: it must be digits, a colon, then letters, digits, _ or - (like 123456789:AAH…). Copy it again from @BotFather (/token).",
    );
  }

  const telegramApiRoot = baseUrl("TELEGRAM_API_ROOT", {
    calls: "/bot<token>/getMe",
    advice: "Give the Bot API server's address only, e.g. http://127.0.0.1:8081",
  });
  // Its path is often secret (a token in it, as many guides suggest): errors name its host only.
  // Kept as written, a trailing slash too: Telegram posts to exactly this URL and follows no
  // redirect, which a proxy routing `location /tg/` answers a post to /tg with.
  const webhookUrl = url("WEBHOOK_URL", { secret: true });
  // Telegram posts webhooks over HTTPS only (setWebhook refuses http://, and only after the index
  // build). A local Bot API server (telegram-bot-api --local) may post to http://, so it is
  // allowed with TELEGRAM_API_ROOT, which the tests' emulators use too.
  if (webhookUrl !== null && telegramApiRoot === null && new URL(webhookUrl).protocol !== "https:") {
    throw new ConfigError(
      `WEBHOOK_URL must be an https:// URL, got an http:// one (to ${new URL(webhookUrl).host}): Telegram sends webhooks over HTTPS only (put a TLS-terminating proxy in front of PORT). http:// is accepted only with TELEGRAM_API_ROOT, for a local Bot API server.`,
    );
  }
  // Telegram posts webhooks to these ports only: setWebhook refuses any other, but only after the
  // index build. A local Bot API server (TELEGRAM_API_ROOT) posts to any port.
  const webhookPort = webhookUrl === null ? "" : new URL(webhookUrl).port;
  if (webhookPort !== "" && telegramApiRoot === null && !["443", "80", "88", "8443"].includes(webhookPort)) {
    throw new ConfigError(
      `WEBHOOK_URL must use port 443, 80, 88 or 8443 (the only ones Telegram posts webhooks to), got ${webhookPort}: point it at your TLS proxy's public port, which forwards to PORT.`,
    );
  }
  const webhookSecret = text("WEBHOOK_SECRET");
  if (webhookSecret !== null && !/^[A-Za-z0-9_-]{1,256}$/.test(webhookSecret)) {
    throw new ConfigError("WEBHOOK_SECRET may contain only A-Z, a-z, 0-9, _ and - (1 to 256 characters).");
  }

  const healthPort = text("HEALTH_PORT") === null ? null : integer("HEALTH_PORT", 0, 1, 65_535);
  const port = integer("PORT", 8080, 1, 65_535);
  if (webhookUrl !== null && healthPort === port) {
    throw new ConfigError(`HEALTH_PORT must differ from PORT (${port}): in webhook mode the server on PORT already answers /healthz.`);
  }
  const vectorstoreDir = text("VECTORSTORE_DIR") ?? "vectorstore";
  const stateDir = text("STATE_DIR") ?? `${vectorstoreDir}/state`;
  if (stateDir.includes("\0")) throw new ConfigError("STATE_DIR must be a folder path.");

  // "openai:" (the model name left out) would otherwise pass as a model, and the first thing said
  // would be about OPENAI_API_KEY, or a provider's refusal on the first question.
  const llmModel = text("LLM_MODEL");
  if (llmModel?.endsWith(":")) {
    throw new ConfigError(`LLM_MODEL="${llmModel}" names no model after the colon: write provider:model, e.g. openai:gpt-4.1-mini, or leave LLM_MODEL empty for extractive answers.`);
  }

  const databaseUrl = text("DATABASE_URL");
  if (databaseUrl !== null && hasUnencodedPassword(databaseUrl)) {
    throw new ConfigError(
      "DATABASE_URL's password seems to hold a character a URL reserves, as is: write it percent-encoded (/ as %2F, ? as %3F, # as %23, @ as %40, % as %25), e.g. with node -p 'encodeURIComponent(process.argv[1])' 'the password'.",
    );
  }
  if (databaseUrl !== null && !isPostgresUrl(databaseUrl)) {
    // The value is not echoed: it may hold a password. Nor does the example hold one in URL form:
    // the CLI blanks every URL's password, which made it read as the operator's own, hidden.
    throw new ConfigError(
      "DATABASE_URL must be a postgres:// (or postgresql://) URL with a host, e.g. postgres://user@localhost:5432/articles (a password goes after the user: user:secret@localhost), or postgres:///articles?host=/var/run/postgresql for a Unix socket.",
    );
  }
  const databaseSchema = text("DATABASE_SCHEMA") ?? DEFAULT_SCHEMA;
  if (!isSchemaName(databaseSchema)) {
    throw new ConfigError(`DATABASE_SCHEMA must be a lower-case Postgres name (a-z, 0-9, _; at most 63; not pg_… or information_schema, which are the server's), got "${databaseSchema}".`);
  }

  return {
    telegramBotToken,
    telegramApiRoot,
    adminIds,
    seedsDir: text("SEEDS_DIR") ?? "seeds",
    vectorstoreDir,
    stateDir,
    embeddingsProvider: provider,
    embeddingsModel: text("EMBEDDINGS_MODEL") ?? "text-embedding-3-small",
    llmModel,
    llmTimeoutMs: integer("LLM_TIMEOUT_MS", 20_000, 1_000, 600_000),
    llmMaxTokens: integer("LLM_MAX_TOKENS", 1_024, 16, 32_768),
    openaiApiKey: text("OPENAI_API_KEY"),
    // fetch refuses a URL with credentials in it: every call would fail as a bare "Connection error".
    openaiBaseUrl: baseUrl("OPENAI_BASE_URL", {
      calls: "/chat/completions, /embeddings",
      // The OpenAI client sends the key as a Bearer token and takes no query of ours; Azure's v1 API
      // takes both as OpenAI does (its older deployments/…?api-version= URLs need a query).
      advice:
        "Give the API's address only (e.g. http://localhost:11434/v1) and its key in OPENAI_API_KEY; for Azure OpenAI, its v1 API: https://<resource>.openai.azure.com/openai/v1, which needs no api-version",
      noCredentials: "put the key in OPENAI_API_KEY",
    }),
    webhookUrl,
    webhookSecret,
    port,
    healthPort,
    logLevel,
    maxArticleBytes: integer("MAX_ARTICLE_BYTES", 5 * 1024 * 1024, 1, 1024 * 1024 * 1024),
    databaseUrl,
    databaseSchema,
  };
}

/** A credential by its variable's name (…_API_KEY, …_SECRET_ACCESS_KEY, …_TOKEN, …_SECRET). */
const PROVIDER_SECRET = /^[A-Z][A-Z0-9_]*_(API_KEY|ACCESS_KEY|SECRET_KEY|TOKEN|SECRET)$/;

/**
 * What logs and messages must never show, from an environment (so the error of a configuration
 * that did not load is covered too): the bot token, the API key and the webhook secret. Not the
 * database password: it shows only inside DATABASE_URL (pg and the server quote none outside it),
 * whose password the logger blanks whatever its length, as any URL's; as an exact string, a short
 * one was kept and an ordinary word ("postgres") blanked the word everywhere, "postgres://" too.
 */
export function secretsOf(env: NodeJS.ProcessEnv): string[] {
  // Other providers' keys too: LangChain's chat models read ANTHROPIC_API_KEY, GOOGLE_API_KEY,
  // AWS_SECRET_ACCESS_KEY… from the environment, and their errors may quote them.
  const providerKeys = Object.keys(env).filter((name) => PROVIDER_SECRET.test(name));
  const values = [env.TELEGRAM_BOT_TOKEN, env.OPENAI_API_KEY, env.WEBHOOK_SECRET, ...providerKeys.map((name) => env[name])].map((v) => v?.trim());
  return [...new Set(values.filter((v): v is string => !!v))];
}

/**
 * Whether a URL's password holds "/", "?" or "#" as is (a password from `openssl rand -base64`
 * often has "/"): the host then ends there, so the URL does not parse, or it does with the
 * password's start as the port of a host named after the user and its rest as the path, query
 * or fragment, which messages naming the database showed. An "@" after a real host in a query
 * parameter's value (`?options=a@b`, `?user=bot@server`) is not this; one in the query outside
 * any `name=value` (`postgres://bot:12?x@db/articles`: the parameter "x@db/articles") is, as
 * is a port left empty (`bot:?x=y@db`, which no one writes for a real host). A password whose
 * query-like rest reads as `name=value` (`bot:12?x=y@db`) cannot be told from a real query.
 */
function hasUnencodedPassword(value: string): boolean {
  const userInfo = /^[a-z][a-z0-9+.-]*:\/\/([^/?#@]*:[^@]*)@/i.exec(value)?.[1];
  if (userInfo === undefined || !/[/?#]/.test(userInfo)) return false;
  if (/^[^:]*:[/?#]/.test(userInfo)) return true;
  try {
    const url = new URL(value);
    if (url.pathname.includes("@") || url.hash.includes("@")) return true;
    const atParameter = url.search.slice(1).split("&").find((parameter) => parameter.includes("@"));
    return atParameter !== undefined && !/^[a-z_][a-z0-9_]*=/i.test(atParameter);
  } catch {
    return true;
  }
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    // A host, or libpq's `?host=/socket/dir` for a local server's Unix socket (postgres:///db?host=/var/run/postgresql).
    return (url.protocol === "postgres:" || url.protocol === "postgresql:") && (url.hostname !== "" || !!url.searchParams.get("host"));
  } catch {
    return false;
  }
}
