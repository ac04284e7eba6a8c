#!/usr/bin/env bash
# Every development set of ../shared/eval through `npm run eval`, one markdown row each: the
# figures in docs/quality.md. Usage: scripts/eval-dev-sets.sh [--retriever bm25|dense|hybrid]
set -euo pipefail
cd "$(dirname "$0")/.."
E=${EVAL_DIR:-../shared/eval}
# Handled here: passed on, --help would reach every `npm run eval`, whose usage is no JSON row.
if [[ " $* " == *" --help "* || " $* " == *" -h "* ]]; then
  echo "Usage: npm run eval:dev -- [--retriever hybrid|bm25|dense] [other npm run eval flags]"
  echo
  echo "Runs every development set in \$EVAL_DIR (default ../shared/eval) through npm run eval and"
  echo "prints one markdown row each: the figures in docs/quality.md. Flags are passed to npm run eval."
  exit 0
fi
# Each run's stderr is dropped below (progress lines), so a missing folder is said here, not as a JSON error.
if [[ ! -d $E ]]; then
  echo "The development sets folder \"$E\" is missing: put the sets there, or name their folder in EVAL_DIR." >&2
  exit 2
fi
row() { # name articles questions...
  local name=$1 articles=$2; shift 2
  local args=()
  for q in "$@"; do args+=(--questions "$E/$q"); done
  npm run -s eval -- --articles "$E/$articles" "${args[@]}" --json "${EXTRA[@]}" 2>/dev/null | tail -n 1 |
    node -e 'const {questions, metrics: m} = JSON.parse(require("fs").readFileSync(0, "utf8"));
      const f = (v) => (v === null ? "–" : Number.isInteger(v) ? String(v) : v.toFixed(3));
      console.log(`| ${process.argv[1]} | ${questions} | ${["hit@1", "hit@5", "mrr@10", "answerContained", "refusalAccuracy", "falseNotFoundRate"].map((k) => f(m[k])).join(" | ")} | ${f(m.unsureRight)} / ${f(m.unsureWrong)} | ${f(m.p95Ms)} |`);' "$name"
}
EXTRA=("$@")
echo "| set | questions | hit@1 | hit@5 | mrr@10 | answerContained | refusal | falseNotFound | cautioned right / wrong | p95 ms |"
echo "|---|---|---|---|---|---|---|---|---|---|"
row "uk-squad" uk-squad/articles uk-squad/questions.jsonl
row "en-squad2" en-squad2/articles en-squad2/questions.jsonl
row "uk-squad-long + dropped" uk-squad-long/articles uk-squad-long/questions.jsonl uk-squad-long/refusal-dropped.jsonl
row "en-squad2-long + dropped" en-squad2-long/articles en-squad2-long/questions.jsonl en-squad2-long/refusal-dropped.jsonl
row "en-squad2-long + unanswerable" en-squad2-long/articles en-squad2-long/questions.jsonl en-squad2-long/unanswerable.jsonl
row "xling-dev uk (control)" xling-dev/articles xling-dev/questions-uk.jsonl
row "xling-dev ru" xling-dev/articles xling-dev/questions-ru.jsonl
row "xling-dev en" xling-dev/articles xling-dev/questions-en.jsonl
