import { describe, expect, it } from "vitest";
import { loadConfig, secretsOf } from "../../src/config/config.js";
import { reportCliError } from "../../src/cli/args.js";
import { ConfigError } from "../../src/shared/errors.js";
import { describeDatabaseUrl } from "../../src/store/postgres/sql-database.js";

describe("loadConfig", () => {
  it("works offline with an empty environment", () => {
    const config = loadConfig({});
    expect(config.embeddingsProvider).toBe("local");
    expect(config.llmModel).toBeNull();
    expect(config.telegramBotToken).toBeNull();
    expect(config.seedsDir).toBe("seeds");
    expect(config.vectorstoreDir).toBe("vectorstore");
    expect(config.stateDir).toBe("vectorstore/state");
    expect(config.adminIds.size).toBe(0);
  });

  it("refuses an LLM_MODEL with a provider and no model name, in one line naming LLM_MODEL", () => {
    for (const value of ["openai:", "openai: ", "anthropic:"]) {
      expect(() => loadConfig({ LLM_MODEL: value })).toThrow(ConfigError);
      expect(() => loadConfig({ LLM_MODEL: value })).toThrow(/^LLM_MODEL="\w+:" names no model after the colon: write provider:model, e\.g\. openai:gpt-4\.1-mini, or leave LLM_MODEL empty/);
    }
    expect(loadConfig({ LLM_MODEL: "llama3.2:3b" }).llmModel).toBe("llama3.2:3b");
  });

  it("refuses a value in quotes, naming the variable and not the value: where env files are read as is, the quotes are part of it", () => {
    // docker run --env-file and Kubernetes keep them (dotenv and compose take them off): a quoted
    // OPENAI_API_KEY was sent as is and refused as a wrong key, a quoted LLM_MODEL named no provider.
    for (const [name, value] of [["OPENAI_API_KEY", '"sk-proj-abc123"'], ["LLM_MODEL", "'openai:gpt-4.1-mini'"], ["ADMIN_IDS", '"12,34"'], ["OPENAI_BASE_URL", '"http://ollama:11434/v1"']] as const) {
      expect(() => loadConfig({ [name]: value })).toThrow(
        new ConfigError(`${name} is in quotes, which are kept as part of its value where the environment is not read from .env by the bot (docker run --env-file, Kubernetes): remove them.`),
      );
    }
    expect(() => loadConfig({ OPENAI_API_KEY: '"sk-proj-abc123"' })).not.toThrow(/abc123/);
    // A quote inside a value is left alone.
    expect(loadConfig({ SEEDS_DIR: `/srv/"news"` }).seedsDir).toBe(`/srv/"news"`);
  });

  it("puts the bot's state beside the index unless STATE_DIR says otherwise", () => {
    expect(loadConfig({ VECTORSTORE_DIR: "/srv/index" }).stateDir).toBe("/srv/index/state");
    expect(loadConfig({ VECTORSTORE_DIR: "/srv/index", STATE_DIR: "/var/lib/bot" }).stateDir).toBe("/var/lib/bot");
  });

  it("parses admin ids, URLs without trailing slashes and numbers", () => {
    const config = loadConfig({
      ADMIN_IDS: " 12, 34 ,",
      OPENAI_BASE_URL: "http://127.0.0.1:11434/v1/",
      PORT: "3000",
      LLM_MODEL: "openai:gpt-4.1-mini",
    });
    expect([...config.adminIds]).toEqual([12, 34]);
    expect(config.openaiBaseUrl).toBe("http://127.0.0.1:11434/v1");
    expect(config.port).toBe(3000);
    expect(config.llmModel).toBe("openai:gpt-4.1-mini");
  });

  it.each([
    ["ADMIN_IDS", "12,alice"],
    // Past 2^53 Number() rounds it to another id (12345678901234567000), which matches nobody.
    ["ADMIN_IDS", "12,12345678901234567891"],
    ["EMBEDDINGS_PROVIDER", "cohere"],
    ["PORT", "80000"],
    ["OPENAI_BASE_URL", "localhost:11434"],
    ["LOG_LEVEL", "loud"],
    ["WEBHOOK_SECRET", "has spaces"],
    ["MAX_ARTICLE_BYTES", "-1"],
    ["HEALTH_PORT", "0"],
    ["LLM_MAX_TOKENS", "0"],
    ["HEALTH_PORT", "http"],
    ["DATABASE_URL", "mysql://u:p@db/x"],
    ["DATABASE_URL", "localhost:5432"],
    ["DATABASE_SCHEMA", "Bad-Name"],
    // The server's own: Postgres refuses to create pg_… ("unacceptable schema name"), and
    // information_schema holds its catalog views (a bot's tables would be mixed in, or refused).
    ["DATABASE_SCHEMA", "pg_bot"],
    ["DATABASE_SCHEMA", "information_schema"],
    // Plain decimal digits only: Number() would read these as 80, 20000, 1024 and 5.
    ["PORT", "0x50"],
    ["LLM_TIMEOUT_MS", "2e4"],
    ["LLM_MAX_TOKENS", "1024.0"],
    ["MAX_ARTICLE_BYTES", "+5"],
  ])("rejects a bad %s (%s) with a message naming it", (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it("refuses an OPENAI_BASE_URL with a user and password, without echoing them", () => {
    const load = () => loadConfig({ OPENAI_BASE_URL: "http://user:hunter2pass@127.0.0.1:11434/v1" });
    expect(load).toThrow(/OPENAI_BASE_URL must not hold a user name or password/);
    expect(load).not.toThrow(/hunter2pass/);
  });

  // The clients add each call's path after the whole base URL (…/v1?api-key=k/chat/completions):
  // every call failed, long after the start.
  it("refuses a base URL with a query or fragment, naming the setting and not the value (it may hold a key)", () => {
    for (const value of ["https://x.openai.azure.com/openai/deployments/d?api-version=2024-06-01&api-key=k3yk3yk3y", "http://127.0.0.1:11434/v1#k3yk3yk3y", "http://127.0.0.1:11434/v1?", "localhost:11434/v1?api-key=k3yk3yk3y"]) {
      const load = () => loadConfig({ OPENAI_BASE_URL: value });
      expect(load).toThrow(ConfigError);
      expect(load).toThrow(/^OPENAI_BASE_URL must not have a query \(\?…\) or fragment \(#…\): .* OPENAI_API_KEY/);
      expect(load).not.toThrow(/k3yk3yk3y|api-version=/);
    }
    expect(() => loadConfig({ TELEGRAM_API_ROOT: "http://127.0.0.1:8081/?token=k3yk3yk3y" })).toThrow(/^TELEGRAM_API_ROOT must not have a query \(\?…\) or fragment \(#…\): (?!.*k3yk3yk3y)/);
  });

  it("takes a TELEGRAM_BOT_TOKEN of BotFather's shape, and refuses another without echoing it", () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: " 123456789:AAHfake_Token-x " }).telegramBotToken).toBe("123456789:AAHfake_Token-x");
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: "123:TEST" }).telegramBotToken).toBe("123:TEST");
    for (const token of ["hello world", "987654321", "abc:DEF", "123:has space", "123:AA/../getMe", "bot123:AAH"]) {
      expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token })).toThrow(ConfigError);
      expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token })).toThrow(/^TELEGRAM_BOT_TOKEN is not a bot token/);
      expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token })).not.toThrow(token);
    }
  });

  it("takes an https WEBHOOK_URL; http only for a local Bot API server (TELEGRAM_API_ROOT)", () => {
    // As written: a proxy routing `location /tg/` would redirect a post to /tg, and Telegram follows no redirect.
    expect(loadConfig({ WEBHOOK_URL: "https://bot.example.org/tg/" }).webhookUrl).toBe("https://bot.example.org/tg/");
    const http = { WEBHOOK_URL: "http://bot.example.org/tg" };
    expect(() => loadConfig(http)).toThrow(ConfigError);
    expect(() => loadConfig(http)).toThrow(/^WEBHOOK_URL must be an https:\/\/ URL, got an http:\/\/ one \(to bot\.example\.org\): .* only with TELEGRAM_API_ROOT/);
    expect(loadConfig({ ...http, TELEGRAM_API_ROOT: "http://127.0.0.1:8081" }).webhookUrl).toBe("http://bot.example.org/tg");
  });

  it("refuses a WEBHOOK_URL on a port Telegram does not post to at once, not after the index build", () => {
    // Telegram's setWebhook takes 443, 80, 88 and 8443 only; PORT (where the bot listens behind the
    // proxy) is often copied into the URL by mistake.
    for (const ok of ["https://bot.example.org/tg", "https://bot.example.org:443/tg", "https://bot.example.org:8443/tg", "https://bot.example.org:88/tg"]) {
      expect(() => loadConfig({ WEBHOOK_URL: ok })).not.toThrow();
    }
    expect(() => loadConfig({ WEBHOOK_URL: "https://bot.example.org:8080/tg/s3cret" })).toThrow(
      /^(?!.*s3cret)WEBHOOK_URL must use port 443, 80, 88 or 8443 .*got 8080/,
    );
    // A local Bot API server (TELEGRAM_API_ROOT) posts to any port.
    expect(loadConfig({ WEBHOOK_URL: "http://127.0.0.1:8080/tg", TELEGRAM_API_ROOT: "http://127.0.0.1:8081" }).webhookUrl).toBe("http://127.0.0.1:8080/tg");
  });

  it("never echoes a wrong WEBHOOK_URL's path or query: a secret token is often put there", () => {
    for (const value of ["http://bot.example.org/tg/s3cret?token=s3cret", "ftp://bot.example.org/s3cret", "bot.example.org/s3cret", "https//bot.example.org/s3cret"]) {
      expect(() => loadConfig({ WEBHOOK_URL: value })).toThrow(/^WEBHOOK_URL must be an http/);
      expect(() => loadConfig({ WEBHOOK_URL: value })).not.toThrow("s3cret");
    }
  });

  it("keeps the index in files unless DATABASE_URL names a Postgres server (never echoing its password)", () => {
    expect(loadConfig({})).toMatchObject({ databaseUrl: null, databaseSchema: "article_qa" });
    const config = loadConfig({ DATABASE_URL: "postgresql://bot:s3cret@db:5432/articles", DATABASE_SCHEMA: "newsroom_2" });
    expect(config).toMatchObject({ databaseUrl: "postgresql://bot:s3cret@db:5432/articles", databaseSchema: "newsroom_2" });
    expect(() => loadConfig({ DATABASE_URL: "http://bot:s3cret@db/x" })).toThrow(/^(?!.*s3cret).*DATABASE_URL/);
  });

  it("says a DATABASE_URL password holding /, ? or # as is must be percent-encoded, never echoing it", () => {
    // A password from `openssl rand -base64` often holds "/": the URL's host then ends there. It
    // did not parse (a message that did not say why), or it did, the digits before the "/" read
    // as a port of the host "bot" and the rest of the password as the database name, and every
    // message naming the database showed it ("postgres://bot:12/Kx9q@db:5432/articles").
    for (const url of ["postgres://bot:Kx/9q+Zw==@db:5432/articles", "postgres://bot:12/Kx9q@db:5432/articles", "postgres://bot:Kx#9q@db:5432/articles", "postgres://bot:Kx?9q@db:5432/articles"]) {
      expect(() => loadConfig({ DATABASE_URL: url })).toThrow(/^(?!.*Kx).*DATABASE_URL's password .*percent-encoded \(\/ as %2F, \? as %3F, # as %23/);
    }
    // A password of leading figures (read as the port) then "?" put its "@" in the query, where it
    // got through: the host was the user's name, the port the password's start.
    for (const url of [
      "postgres://bot:12?Kx@db:5432/articles",
      "postgres://bot:12/Kx?9q@db:5432/articles",
      "postgres://bot:12?Kx&9q@db/articles",
      "postgres://bot:?Kx@db/articles",
      "postgres://bot:?Kx=9q@db/articles",
      "postgres://bot:/Kx?9q=1@db/articles",
    ]) {
      expect(() => loadConfig({ DATABASE_URL: url })).toThrow(/^(?!.*Kx).*DATABASE_URL's password .*percent-encoded \(\/ as %2F, \? as %3F, # as %23/);
    }
    // Encoded, it is taken; so is an "@" in a query parameter's value, after a real host.
    for (const url of [
      "postgres://bot:Kx%2F9q+Zw==@db:5432/articles",
      "postgres://bot:12%3FKx@db:5432/articles",
      "postgres://db:5432/articles?options=a@b",
      "postgres://db:5432?user=bot@server&application_name=qa@prod",
      "postgres://[::1]:5432/articles?user=bot@server",
      "postgres://bot:p@ss@db:5432/articles",
    ]) {
      expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    }
  });

  it("takes a DATABASE_URL to a local Postgres over its Unix socket, in libpq's forms, and names the socket in messages", () => {
    // postgresql:///dbname?host=/socket/dir is what libpq's docs give (peer authentication, no
    // password in any file): pg connects to /var/run/postgresql/.s.PGSQL.5432.
    for (const url of ["postgres:///articles?host=/var/run/postgresql", "postgresql:///articles?host=%2Fvar%2Frun%2Fpostgresql&user=bot", "postgres://bot@%2Fvar%2Frun%2Fpostgresql/articles"]) {
      expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    }
    expect(describeDatabaseUrl("postgres:///articles?host=/var/run/postgresql&password=s3cret")).toBe("postgres:///articles (host /var/run/postgresql)");
    // No host at all, and none as a parameter: a URL cut short.
    expect(() => loadConfig({ DATABASE_URL: "postgres://bot:s3cret@/articles" })).toThrow(/^(?!.*s3cret).*DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: "postgres:///articles" })).toThrow(/DATABASE_URL/);
  });

  it("reads HEALTH_PORT, and refuses it on the webhook's own PORT", () => {
    expect(loadConfig({}).healthPort).toBeNull();
    expect(loadConfig({}).llmMaxTokens).toBe(1_024);
    expect(loadConfig({ HEALTH_PORT: "9090" }).healthPort).toBe(9090);
    // Polling opens no port, so the same number as PORT is fine there.
    expect(loadConfig({ HEALTH_PORT: "8080" }).healthPort).toBe(8080);
    const webhook = { WEBHOOK_URL: "https://bot.example.org/tg", PORT: "8080", HEALTH_PORT: "8080" };
    expect(() => loadConfig(webhook)).toThrow(/HEALTH_PORT must differ from PORT/);
  });
});

describe("secretsOf", () => {
  it("lists the token, API key and webhook secret, not the database password (blanked in its URL by the logger)", () => {
    const secrets = secretsOf({
      TELEGRAM_BOT_TOKEN: "123456:ABCDEFGH",
      OPENAI_API_KEY: " sk-test-key ",
      WEBHOOK_SECRET: "hook-secret-1",
      DATABASE_URL: "postgres://bot:postgres@db.internal:5432/articles",
    });
    expect(secrets).toEqual(["123456:ABCDEFGH", "sk-test-key", "hook-secret-1"]);
  });

  it("lists other providers' keys LangChain reads from the environment, not ordinary settings", () => {
    const secrets = secretsOf({
      ANTHROPIC_API_KEY: "sk-ant-12345678",
      AWS_SECRET_ACCESS_KEY: "aws-secret-12345678",
      HUGGINGFACEHUB_API_TOKEN: "hf_12345678",
      LLM_MODEL: "anthropic:claude-sonnet-4",
      POSTGRES_PASSWORD: "postgres",
      LLM_MAX_TOKENS: "1024",
    });
    expect(secrets.sort()).toEqual(["aws-secret-12345678", "hf_12345678", "sk-ant-12345678"]);
  });

  it("keeps a database password, short or an ordinary word, out of a command's error message, and the rest of it as it was", () => {
    for (const [password, url] of [
      ["pw42", "postgres://bot:pw42@db.internal/articles"],
      ["s3cr%t", "postgres://bot:s3cr%t@db.internal/articles"],
      ["postgres", "postgres://bot:postgres@db.internal/articles"],
    ]) {
      let printed = "";
      const stderr = {
        write: (text: string) => {
          printed += text;
          return true;
        },
      };
      const env = { DATABASE_URL: url };
      expect(loadConfig(env).databaseUrl).toBe(url);
      reportCliError(new Error(`connect ECONNREFUSED: ${url} (postgres is down)`), "usage", { env, stdout: { write: () => true }, stderr } as never);
      expect([password, printed]).toEqual([password, "Unexpected error: connect ECONNREFUSED: postgres://bot:[redacted]@db.internal/articles (postgres is down)\n"]);
    }
  });
});
