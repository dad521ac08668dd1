#!/usr/bin/env bash
# Every figure of the performance issue's acceptance (docs/performance.md,
# "Every figure in one run"), from one run of one binary:
#
#  1. the shared corpus at N = 10,000, rebuilding into the previous output:
#     lede ÷ Hugo, lede ÷ the floor (hyperfine) and peak memory
#     (/usr/bin/time -v), through bench/hyperfine.sh;
#  2. the same in cold mode (COLD=1: a fresh output folder each run);
#  3. one 65 MB explainer with 700,000 links to a missing anchor: time,
#     peak memory, exit code and the capped report;
#  4. 100,000 explainers (`cards: false`): a first build and a rebuild
#     without search, then a build with the search index, each with its
#     time and peak memory, and µs an explainer against 1,000.
#
#   bench/acceptance.sh     (RUNS=15 hyperfine runs; WORK=target/acceptance
#                            for the generated sites, ~1.2 GB; OUT=/tmp for
#                            outputs; SKIP_100K=1 leaves out step 4)
#
# About 25 minutes on two cores. Needs what bench/hyperfine.sh needs
# (python3, hyperfine, GNU time, Hugo on the PATH for its ratio) and the
# shared corpus generator (../shared/bench/gen_corpus.py).
set -euo pipefail
cd "$(dirname "$0")/.."
export RUNS=${RUNS:-15}
work=${WORK:-target/acceptance}
out=${OUT:-/tmp}/lede-acceptance
gen=../shared/bench/gen_corpus.py
mkdir -p "$work" "$out"
cargo build --release --quiet --bin lede
lede=$PWD/target/release/lede
echo "lede $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(date -u +%FT%TZ), $(nproc) cores"

echo; echo "## 1. N = 10,000, rebuild into the previous output (RUNS=$RUNS)"
bench/hyperfine.sh 10000
echo; echo "## 2. N = 10,000, cold output (COLD=1, RUNS=$RUNS)"
COLD=1 bench/hyperfine.sh 10000

# Prints "<seconds> s, <peak> KB peak, exit <code>" for the command, its
# own output going to $out/last.log.
measure() {
  local code=0
  /usr/bin/time -f "%e %M" -o "$out/time" "$@" >"$out/last.log" 2>&1 || code=$?
  # (GNU time puts "Command exited with non-zero status N" first.)
  read -r secs peak < <(tail -n 1 "$out/time")
  echo "$secs s, $peak KB peak, exit $code"
}

echo; echo "## 3. One 65 MB explainer, 700,000 links to a missing anchor"
big=$work/big
if [[ ! -f $big/content/big.md ]]; then
  mkdir -p "$big/content"
  printf 'title: Big\nbase_url: https://example.org/\n' >"$big/site.yaml"
  python3 - "$big/content/big.md" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('---\ntitle: "Big"\ndate: 2026-01-01\n---\n\n')
    for i in range(700_000):
        f.write(f"Paragraph {i} with a [link to nowhere](#nowhere) and some more words to pad it out a little.\n\n")
PY
fi
echo "$(du -m "$big/content/big.md" | cut -f1) MB: $(measure "$lede" build --root "$big" --output "$out/big")"
echo "  errors shown in full: $(grep -c '^error' "$out/last.log" || true)"
echo "  $(grep -m1 '… and' "$out/last.log" || echo 'no "… and N more" line')"
echo "  $(grep -m1 'build failed' "$out/last.log" || echo 'no "build failed" line')"

if [[ -z ${SKIP_100K:-} ]]; then
  echo; echo "## 4. 100,000 explainers"
  c=$work/100000
  if [[ ! -d $c/content ]]; then
    python3 "$gen" --n 100000 --layout lede --out "$c"
    printf 'cards: false\n' >>"$c/site.yaml"
  fi
  rm -rf "$out/100000"
  echo "first build, --no-search: $(LEDE_TIMINGS=1 measure "$lede" build --no-search --root "$c" --output "$out/100000")"
  r=$(LEDE_TIMINGS=1 measure "$lede" build --no-search --root "$c" --output "$out/100000")
  echo "rebuild, --no-search:     $r"
  grep '^timing' "$out/last.log" | sed 's/^/  /'
  echo "  $(awk '{printf "%.0f µs an explainer", $1 * 1e6 / 100000}' <<<"$r")"
  k=target/hyperfine/1000/lede
  [[ -d $k ]] || python3 "$gen" --n 1000 --layout lede --out "$k"
  "$lede" build --no-search --root "$k" --output "$out/1000" >/dev/null 2>&1 || true
  r1=$(measure "$lede" build --no-search --root "$k" --output "$out/1000")
  echo "  1,000 (shared corpus) rebuild: $r1 → $(awk '{printf "%.0f µs an explainer", $1 * 1e6 / 1000}' <<<"$r1")"
  echo "with the search index:    $(LEDE_TIMINGS=1 measure "$lede" build --root "$c" --output "$out/100000")"
  grep -E '^timing: (search|pages|load)' "$out/last.log" | sed 's/^/  /'
  rm -rf "$out/100000" "$out/1000"
fi
rm -rf "$out/big"
