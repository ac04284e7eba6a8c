// Test helper: a real pino logger (its levels, its serialised errors) whose records a test reads,
// for asserting what the operator is told in the log, e.g. that a warning is given once.
import { Writable } from "node:stream";
import { pino } from "pino";

/** What one log line holds: its level (40 = warn), message and, for an error, its serialised `err`. */
export interface LogRecord {
  level: number;
  msg: string;
  err?: string;
}

/** A logger at info level; `records` are its lines as written, `warnings()` the messages of its warnings. */
export function recordingLogger() {
  const records: LogRecord[] = [];
  const stream = new Writable({
    write(line, _enc, done) {
      records.push(JSON.parse(String(line)));
      done();
    },
  });
  return { logger: pino({ level: "info" }, stream), records, warnings: () => records.filter((r) => r.level === 40).map((r) => r.msg) };
}
