#!/usr/bin/env bash
# Every development set of ../shared/eval through `npm run eval`, once on the files and once in
# Postgres (DATABASE_URL must be set), then each metric side by side; exits 1 when any metric
# (not latency) differs by more than 0.01. Issue 11's contract: the same figures on both backends.
#   DATABASE_URL=$(scripts/real-postgres.sh url) scripts/compare-eval-backends.sh [SET…]
# SET: uk-squad en-squad2 uk-long en-long-dropped en-long-unanswerable xling-uk xling-ru xling-en
# (default: all eight). JSON results are kept in ${OUT:-a temp folder}.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -n ${DATABASE_URL:-} ]] || { echo "set DATABASE_URL (e.g. \$(scripts/real-postgres.sh url))" >&2; exit 2; }
E=${EVAL_DIR:-../shared/eval}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
declare -A SETS=(
  [uk-squad]="uk-squad/articles uk-squad/questions.jsonl"
  [en-squad2]="en-squad2/articles en-squad2/questions.jsonl"
  [uk-long]="uk-squad-long/articles uk-squad-long/questions.jsonl uk-squad-long/refusal-dropped.jsonl"
  [en-long-dropped]="en-squad2-long/articles en-squad2-long/questions.jsonl en-squad2-long/refusal-dropped.jsonl"
  [en-long-unanswerable]="en-squad2-long/articles en-squad2-long/questions.jsonl en-squad2-long/unanswerable.jsonl"
  [xling-uk]="xling-dev/articles xling-dev/questions-uk.jsonl"
  [xling-ru]="xling-dev/articles xling-dev/questions-ru.jsonl"
  [xling-en]="xling-dev/articles xling-dev/questions-en.jsonl"
)
names=("$@")
[[ ${#names[@]} -gt 0 ]] || names=(uk-squad en-squad2 uk-long en-long-dropped en-long-unanswerable xling-uk xling-ru xling-en)
for name in "${names[@]}"; do
  [[ -n ${SETS[$name]:-} ]] || { echo "unknown set $name" >&2; exit 2; }
  read -r articles questions <<<"${SETS[$name]%% *} ${SETS[$name]#* }"
  args=(--articles "$E/$articles")
  for q in $questions; do args+=(--questions "$E/$q"); done
  env -u DATABASE_URL npm run -s eval -- "${args[@]}" --json 2>/dev/null | tail -n 1 >"$OUT/files-$name.json"
  npm run -s eval -- "${args[@]}" --json 2>/dev/null | tail -n 1 >"$OUT/postgres-$name.json"
done
node -e '
  const fs = require("node:fs");
  const [out, ...names] = process.argv.slice(1);
  const keys = ["hit@1", "hit@5", "hit@10", "mrr@10", "answerInTop5", "answerContained", "refusalAccuracy", "falseNotFoundRate"];
  const f = (v) => (v === null || v === undefined ? "–" : Number.isInteger(v) ? String(v) : v.toFixed(3));
  let worst = 0;
  console.log(`| set | questions | ${keys.join(" | ")} | p95 ms |`);
  console.log(`|---|---|${keys.map(() => "---").join("|")}|---|`);
  for (const name of names) {
    const a = JSON.parse(fs.readFileSync(`${out}/files-${name}.json`, "utf8"));
    const b = JSON.parse(fs.readFileSync(`${out}/postgres-${name}.json`, "utf8"));
    const cells = keys.map((k) => {
      const [x, y] = [a.metrics[k], b.metrics[k]];
      if (x === y || (x == null && y == null)) return f(x);
      worst = Math.max(worst, x == null || y == null ? 1 : Math.abs(x - y));
      return `${f(x)} → ${f(y)}`;
    });
    if (a.questions !== b.questions) worst = 1;
    console.log(`| ${name} | ${a.questions} | ${cells.join(" | ")} | ${a.metrics.p95Ms} / ${b.metrics.p95Ms} |`);
  }
  console.log(`\nfiles → postgres where they differ; p95 files / postgres. Largest difference: ${worst.toFixed(4)} (JSON in ${out})`);
  process.exit(worst > 0.01 ? 1 : 0);
' "$OUT" "${names[@]}"
