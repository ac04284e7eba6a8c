import { describe, expect, it } from "vitest";
import { createLogger, redactSecrets } from "../../src/shared/logger.js";

function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) } };
}

const TOKEN = "123456789:AAHfakeTokenForTests_abcdefghijklmnop";

describe("createLogger", () => {
  it("scrubs a bot token nested in an error message (grammY HttpError wrapping a fetch error)", () => {
    const { lines, destination } = capture();
    const logger = createLogger("info", { destination });
    const cause = new Error(`request to https://api.telegram.org/bot${TOKEN}/sendMessage failed, reason: ECONNRESET`);
    const error = Object.assign(new Error("Network request for 'sendMessage' failed!"), { error: cause });
    logger.error({ err: error }, "update failed");
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("AAHfakeToken");
    expect(lines[0]).toContain("sendMessage failed");
    expect(lines[0]).toContain("[redacted]");
  });

  it("scrubs the given secrets anywhere and redacts token/apiKey fields", () => {
    const { lines, destination } = capture();
    const logger = createLogger("info", { destination, secrets: ["sk-secret-key-123", null] });
    logger.info({ apiKey: "k-field", detail: "provider said: bad key sk-secret-key-123" }, "llm failed");
    expect(lines[0]).not.toContain("sk-secret-key-123");
    expect(lines[0]).not.toContain("k-field");
    expect(lines[0]).toContain("provider said: bad key [redacted]");
  });
});

describe("redactSecrets (the CLI's error messages)", () => {
  it("blanks bot tokens and the given secrets, but not one too short to tell from a word", () => {
    const text = `bot${TOKEN} said: key sk-secret-key-123 is wrong, try again`;
    expect(redactSecrets(text, ["sk-secret-key-123", "again", undefined])).toBe("bot[redacted] said: key [redacted] is wrong, try again");
  });
});

describe("a URL's password in a log line", () => {
  it("is blanked whatever its length, in messages and fields, and nothing else is", () => {
    const { lines, destination } = capture();
    // "postgres" among the secrets would blank every "postgres": the password is not one (secretsOf).
    const logger = createLogger("info", { destination, secrets: ["sk-secret-key-123"] });
    const error = new Error("connect postgres://bot:pw42@db/news failed: postgres unreachable");
    logger.error({ err: error, url: "https://u:p@ss@h.example:8443/x?q=1", mail: "a@b.example", db: "postgres://bot@db:5432/news" }, "postgres://bot:postgres@db/news down");
    const record = JSON.parse(lines[0]!) as Record<string, unknown> & { err: { message: string } };
    expect(record.msg).toBe("postgres://bot:[redacted]@db/news down");
    expect(record.err.message).toBe("connect postgres://bot:[redacted]@db/news failed: postgres unreachable");
    expect(record).toMatchObject({ url: "https://u:[redacted]@h.example:8443/x?q=1", mail: "a@b.example", db: "postgres://bot@db:5432/news" });
  });
});

describe("a password in a URL's query in a log line", () => {
  it("is blanked whatever its length (password=, sslpassword=), in messages, fields and CLI errors, and nothing else is", () => {
    const { lines, destination } = capture();
    const logger = createLogger("info", { destination });
    // pg reads a password from the query as from the credentials; a driver's error may quote it.
    const error = new Error('connect "postgres://bot@db/news?password=s3&sslmode=require" failed');
    const ssl = "postgres://bot@db/news?sslmode=verify-full&SSLPASSWORD=k3y-pass#x";
    logger.error({ err: error, db: ssl, search: "https://h.example/find?q=password&passwords=2&mypassword=3" }, "postgres://bot@db/news?password=pw42 down");
    const record = JSON.parse(lines[0]!) as Record<string, unknown> & { err: { message: string } };
    expect(record.msg).toBe("postgres://bot@db/news?password=[redacted] down");
    expect(record.err.message).toBe('connect "postgres://bot@db/news?password=[redacted]&sslmode=require" failed');
    expect(record).toMatchObject({ db: "postgres://bot@db/news?sslmode=verify-full&SSLPASSWORD=[redacted]#x", search: "https://h.example/find?q=password&passwords=2&mypassword=3" });
    expect(redactSecrets("DATABASE_URL postgres://bot@db/news?password=x is refused")).toBe("DATABASE_URL postgres://bot@db/news?password=[redacted] is refused");
  });

  it("is looked for in a moment in a long line of query parameters", () => {
    // Read once whatever the line: the bound is this test's timeout, far from either outcome.
    const line = `${"a://b/".repeat(50_000)}${"&password".repeat(50_000)}${"?a=1".repeat(50_000)} postgres://bot@db/news?password=pw ${"&".repeat(200_000)}`;
    expect(redactSecrets(line)).toBe(line.replace("password=pw", "password=[redacted]"));
  }, 5_000);
});

describe("a secret holding a quote or a backslash in a log line", () => {
  it("is blanked as JSON writes it, in messages and fields, and the line stays JSON", () => {
    const { lines, destination } = capture();
    const secret = 'sk-"quoted\\key-123';
    const logger = createLogger("info", { destination, secrets: [secret] });
    logger.error({ err: new Error(`provider refused key ${secret}`), key: secret }, `bad key ${secret}`);
    expect(lines[0]).not.toContain("quoted");
    const record = JSON.parse(lines[0]!) as Record<string, unknown> & { err: { message: string } };
    expect(record).toMatchObject({ msg: "bad key [redacted]", key: "[redacted]" });
    expect(record.err.message).toBe("provider refused key [redacted]");
    expect(redactSecrets(`key ${secret} refused`, [secret])).toBe("key [redacted] refused");
  });
});

describe("a password in a libpq key/value string in a log line", () => {
  it("is blanked, bare or quoted, in messages, fields and CLI errors, and nothing else is", () => {
    const { lines, destination } = capture();
    const logger = createLogger("info", { destination });
    const error = new Error('connect "host=db user=bot password=pw42 dbname=news" failed');
    const quoted = "host=db password = 'it\\'s my pw' sslpassword=k3y-pass\nsslmode=require";
    logger.error({ err: error, db: quoted, other: "mypassword=3 passwords=2 password" }, "host=db password=s3cr\\et\npassword=x");
    expect(lines[0]).not.toMatch(/pw42|my pw|k3y|s3cr/);
    const record = JSON.parse(lines[0]!) as Record<string, unknown> & { err: { message: string } };
    expect(record.msg).toBe("host=db password=[redacted]\npassword=[redacted]");
    expect(record.err.message).toBe('connect "host=db user=bot password=[redacted] dbname=news" failed');
    expect(record).toMatchObject({ db: "host=db password = [redacted] sslpassword=[redacted]\nsslmode=require", other: "mypassword=3 passwords=2 password" });
    expect(redactSecrets("DATABASE_URL host=db password=pw42 is refused")).toBe("DATABASE_URL host=db password=[redacted] is refused");
  });

  it("is blanked double-quoted too ('password=\"my pw\"'), and a field ending in 'password=' leaves the line valid JSON", () => {
    const { lines, destination } = capture();
    const logger = createLogger("info", { destination });
    // libpq takes only single quotes, but an operator may write double ones; what is between them is typed as a secret.
    const quoted = 'host=db password="my pw" sslpassword = "k3y"\npassword=""';
    logger.error({ db: quoted, end: "password=", next: "x" }, 'connect "host=db password="s3" x" failed');
    expect(lines[0]).not.toMatch(/my pw|k3y|s3/);
    const record = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(record).toMatchObject({ db: "host=db password=[redacted] sslpassword = [redacted]\npassword=[redacted]", end: "password=[redacted]", next: "x" });
    expect(record.msg).toBe('connect "host=db password=[redacted] x" failed');
    expect(redactSecrets('DATABASE_URL host=db password="my pw" user=bot is refused')).toBe("DATABASE_URL host=db password=[redacted] user=bot is refused");
    expect(redactSecrets('bad "host=db password=" here')).toBe('bad "host=db password=[redacted] here');
    expect(redactSecrets('host=db password="pw42 user=bot')).toBe("host=db password=[redacted] user=bot");
  });

  it("is looked for in a moment in a long line of keywords and quotes", () => {
    // Read once whatever the line (550 KB: some 10 ms by hand); the bound is this test's timeout.
    const line = `${" password=".repeat(16_000)}${" password='\\".repeat(16_000)}${"\\n password = ".repeat(12_000)}'${"\\'".repeat(16_000)}`;
    expect(line.length).toBeGreaterThan(512 * 1024);
    expect(redactSecrets(line)).toContain("[redacted]");
    const doubleQuoted = `${' password="'.repeat(25_000)}${' password=\\"'.repeat(25_000)}${"\\".repeat(100_000)}`;
    expect(redactSecrets(doubleQuoted)).toContain("[redacted]");
  }, 5_000);
});

describe("a long run of letters in a log line", () => {
  it("is read once, not once per letter: a 450,000-character blob held the event loop for half a minute", () => {
    // Every line goes through the redactor; a URL's scheme looked for at each letter of a run read
    // the run to its end each time. The bound is this test's timeout, far from either outcome (ms now).
    const blob = "a".repeat(150_000);
    const line = `${blob} ${"a1".repeat(75_000)} connect postgres://bot:pw42@db/news ${blob}`;
    expect(redactSecrets(line)).toBe(line.replace("bot:pw42@", "bot:[redacted]@"));
  }, 5_000);
});

describe("a long run of digits in a log line", () => {
  it("is read once, not once per digit, and a bot token after any other character is still blanked", () => {
    // A bot token was looked for at each digit of a run, each time reading the run to its end: a
    // 200,000-digit run took some 20 s. The bound is this test's timeout (ms now).
    const digits = "7".repeat(200_000);
    const line = `request to https://api.telegram.org/bot${TOKEN}/sendMessage failed (${TOKEN}) ${digits}:x`;
    expect(redactSecrets(line)).toBe(line.replaceAll(TOKEN, "[redacted]"));
  }, 5_000);
});

describe("createLogger and Bot API errors", () => {
  it("keeps a GrammyError's method and description but not its payload (message texts, the webhook secret), nested too", async () => {
    const { GrammyError } = await import("grammy");
    const { lines, destination } = capture();
    const logger = createLogger("info", { destination });
    const payload = { url: "https://bot.example.org/hook", secret_token: "webhook-secret-value-42", text: "❓ my private question" };
    const error = new GrammyError("Call to 'setWebhook' failed!", { ok: false, error_code: 400, description: "Bad Request: bad webhook" }, "setWebhook", payload);
    logger.error({ err: error }, "failed");
    logger.error({ err: Object.assign(new Error("outer"), { cause: error, error }) }, "failed again");
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain("webhook-secret-value-42");
      expect(line).not.toContain("my private question");
    }
    expect(lines[0]).toContain("setWebhook");
    expect(lines[0]).toContain("Bad Request: bad webhook");
  });
});
