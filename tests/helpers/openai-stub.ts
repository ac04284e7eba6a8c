import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { IncomingMessage, ServerResponse } from "node:http";

/** What a test returns for one chat request: the reply text, or a full control object. */
export type StubChatReply =
  | string
  | {
      /** Assistant text (may be "" for an empty reply). Ignored when `status` is not 200. */
      content?: string;
      /** HTTP status; anything but 200 sends an OpenAI-style error body (or `body`). */
      status?: number;
      /** Raw JSON body to send instead of the generated one. */
      body?: unknown;
      /** Extra response headers (e.g. `retry-after` with a 429). */
      headers?: Record<string, string>;
      /** Wait this long before answering (to trigger client timeouts). */
      delayMs?: number;
      /** Streamed replies: the pieces sent (default: `content` in 16-character pieces). */
      pieces?: string[];
      /** Streamed replies: pause between pieces (a model writing slowly). */
      pieceDelayMs?: number;
      /** Streamed replies: drop the connection after this many pieces (a provider failing mid-answer). */
      breakAfterPieces?: number;
      /** Why the reply ended (default "stop"); "length": cut at max_tokens. */
      finishReason?: string;
    };

/** The JSON body of a chat completion request, as the client sent it. */
export interface StubChatRequest {
  model?: string;
  messages: { role: string; content: unknown }[];
  stream?: boolean;
  [key: string]: unknown;
}

export interface OpenAiStubOptions {
  /** Port on 127.0.0.1 (default: a free one, so suites running at once never collide). */
  port?: number;
  /** Default: echoes "stub reply". */
  chat?: (body: StubChatRequest) => StubChatReply | Promise<StubChatReply>;
  /** Default: a deterministic 8-dimensional hashing embedder. */
  embeddings?: (inputs: string[]) => number[][] | Promise<number[][]>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: unknown;
  /** Set when the client closed the connection before the reply was sent (a request it aborted). */
  abandoned?: boolean;
}

export interface OpenAiStub {
  /** e.g. `http://127.0.0.1:18300/v1` — pass as OPENAI_BASE_URL / configuration.baseURL. */
  baseUrl: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A deterministic toy embedding: character-trigram hashing into 8 buckets, L2-normalised. */
export function hashEmbedding(text: string, dims = 8): number[] {
  const v = new Array<number>(dims).fill(0);
  const s = ` ${text.toLowerCase()} `;
  for (let i = 0; i + 3 <= s.length; i++) {
    let h = 2166136261;
    for (let j = i; j < i + 3; j++) h = Math.imul(h ^ s.charCodeAt(j), 16777619);
    v[(h >>> 0) % dims]! += 1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

/** Base64 of little-endian float32 values, as OpenAI sends with `encoding_format: "base64"`. */
export function float32Base64(values: number[]): string {
  const buf = Buffer.alloc(values.length * 4);
  values.forEach((x, i) => {
    buf.writeFloatLE(x, i * 4);
  });
  return buf.toString("base64");
}

/** Starts a tiny OpenAI-compatible server (chat completions, streaming, embeddings) for tests. */
export async function startOpenAiStub(options: OpenAiStubOptions): Promise<OpenAiStub> {
  const requests: RecordedRequest[] = [];
  const chat = options.chat ?? (() => "stub reply");
  const embed = options.embeddings ?? ((inputs: string[]) => inputs.map((t) => hashEmbedding(t)));

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, errorBody(String(error)));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = raw;
    }
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const record: RecordedRequest = { method: req.method ?? "GET", path, headers: req.headers, body };
    requests.push(record);
    res.once("close", () => {
      if (!res.writableFinished) record.abandoned = true;
    });

    if (req.method === "POST" && path.endsWith("/chat/completions")) {
      const request = body as StubChatRequest;
      const reply = await chat(request);
      const r = typeof reply === "string" ? { content: reply } : reply;
      if (r.delayMs) await sleep(r.delayMs);
      if (res.destroyed) return;
      const status = r.status ?? 200;
      if (status !== 200) return sendJson(res, status, r.body ?? errorBody(`stub error ${status}`), r.headers);
      if (r.body !== undefined) return sendJson(res, 200, r.body);
      const model = request.model ?? "stub-model";
      const content = r.content ?? "";
      const finish = r.finishReason ?? "stop";
      if (!request.stream) return sendJson(res, 200, completion(model, content, finish));
      const includeUsage = (request.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
      const pieces = r.pieces ?? content.match(/[\s\S]{1,16}/g) ?? [];
      return sendStream(res, model, pieces, includeUsage, r.pieceDelayMs ?? 0, finish, r.breakAfterPieces);
    }

    if (req.method === "POST" && path.endsWith("/embeddings")) {
      const b = body as { input: string | string[]; model?: string; encoding_format?: string };
      const inputs = Array.isArray(b.input) ? b.input : [b.input];
      const vectors = await embed(inputs.map(String));
      const base64 = b.encoding_format === "base64";
      return sendJson(res, 200, {
        object: "list",
        model: b.model ?? "stub-embedding",
        data: vectors.map((v, index) => ({
          object: "embedding",
          index,
          embedding: base64 ? float32Base64(v) : v,
        })),
        usage: { prompt_tokens: 0, total_tokens: 0 },
      });
    }

    sendJson(res, 404, errorBody(`stub: no route for ${req.method} ${path}`));
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        // Delayed replies would otherwise keep close() waiting for their sockets.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function completion(model: string, content: string, finish: string): unknown {
  return {
    id: "chatcmpl-stub",
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: finish, logprobs: null }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

async function sendStream(
  res: ServerResponse,
  model: string,
  pieces: string[],
  includeUsage: boolean,
  pieceDelayMs: number,
  finish: string,
  breakAfter?: number,
): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const event = (extra: Record<string, unknown>): string =>
    `data: ${JSON.stringify({
      id: "chatcmpl-stub",
      object: "chat.completion.chunk",
      created: Math.floor(Date.now() / 1000),
      model,
      ...extra,
    })}\n\n`;
  const chunk = (delta: Record<string, unknown>, finish: string | null): string =>
    event({ choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] });
  res.write(chunk({ role: "assistant", content: "" }, null));
  // Several pieces so clients really have to concatenate deltas.
  // Written pieces reach the client before the connection drops (destroy discards unsent data).
  const drop = async (): Promise<void> => {
    await sleep(30);
    res.destroy();
  };
  for (const [i, piece] of pieces.entries()) {
    if (breakAfter !== undefined && i >= breakAfter) return drop();
    if (i > 0 && pieceDelayMs > 0) await sleep(pieceDelayMs);
    if (res.destroyed) return;
    res.write(chunk({ content: piece }, null));
  }
  if (breakAfter !== undefined) return drop();
  res.write(chunk({}, finish));
  // Real OpenAI sends a final usage-only chunk when asked; LangChain's invoke() waits for it.
  if (includeUsage) res.write(event({ choices: [], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }));
  res.end("data: [DONE]\n\n");
}

function errorBody(message: string): unknown {
  return { error: { message, type: "server_error", param: null, code: null } };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
