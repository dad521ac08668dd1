#!/usr/bin/env bash
# Cross-check of `cargo run --release --example bench` with public tools, on
# the shared corpus (../shared/bench/gen_corpus.py):
# hyperfine for wall time, /usr/bin/time -v for peak memory. Hugo is timed
# when it is on the PATH.
#
# By default every tool rebuilds into its own previous output, as users
# build (the warm-up run makes it). COLD=1 measures cold output instead:
# each run into a fresh output folder, after sync (and, as root, with the
# page cache dropped).
#
#   bench/hyperfine.sh [N ...]        (default: 1000 10000; RUNS=7, COLD=,
#                                     OUT_BASE=/tmp: where the outputs go)
#
# Needs: python3, hyperfine, GNU time (apt-get install -y hyperfine time).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000}")
read -r -a sizes <<<"${sizes[*]}"
gen=../shared/bench/gen_corpus.py
floor_src=../shared/bench/floor
work=target/hyperfine
mkdir -p "$work"
if [[ ! -f $gen ]]; then
  echo "needs $gen (the shared corpus); on any machine: cargo run --release --example bench" >&2
  exit 2
fi
cargo build --release --quiet --bin lede
lede=$PWD/target/release/lede
if [[ -d $floor_src ]]; then
  cargo build --release --quiet --manifest-path "$floor_src/Cargo.toml" --target-dir target/floor
  floor=$PWD/target/floor/release/floor
else
  floor=
fi
for n in "${sizes[@]}"; do
  dir=$work/$n
  for layout in lede hugo generic; do
    if [[ ! -d $dir/$layout ]]; then
      python3 "$gen" --n "$n" --layout "$layout" --out "$dir/$layout"
    fi
  done
  out=${OUT_BASE:-/tmp}/lede-hf-$n
  mkdir -p "$out"
  cmds=(-n "lede build --no-search" "$lede build --no-search --root $dir/lede --output $out/lede"
        -n "lede check" "$lede check --root $dir/lede")
  [[ -n $floor && -d $dir/generic ]] && cmds+=(-n floor "$floor $dir/generic/content $out/floor")
  command -v hugo >/dev/null && cmds+=(-n hugo "hugo --quiet -s $dir/hugo -d $out/hugo")
  # As root, drop the page cache after removing the previous output and
  # read the input back: ext4 without a journal otherwise skips every inode
  # freed in the last minute, one lookup each, when it allocates new ones
  # (see examples/bench/main.rs), and the run pays seconds in the kernel.
  if [[ -n ${COLD:-} ]]; then
    prepare="rm -rf $out; mkdir -p $out; sync"
    if [[ $(id -u) == 0 && -z ${KEEP_CACHES:-} ]]; then
      prepare+="; echo 1 > /proc/sys/vm/drop_caches; find $dir -type f -exec cat {} + > /dev/null"
    fi
  else
    prepare="true" # rebuild mode: each run goes into the previous one's output
  fi
  hyperfine --warmup 1 --runs "${RUNS:-7}" -i \
    --prepare "$prepare" \
    --export-json "$work/hyperfine-$n.json" "${cmds[@]}"
  python3 - "$work/hyperfine-$n.json" "$n" <<'PY'
import json, statistics, sys
runs = {r["command"]: statistics.median(r["times"]) for r in json.load(open(sys.argv[1]))["results"]}
lede, floor, hugo = (runs.get(k) for k in ("lede build --no-search", "floor", "hugo"))
print(f"| command | N | median wall s | ÷ floor | Hugo ÷ this |")
print(f"|---|---|---|---|---|")
for name, t in runs.items():
    f = f"{t / floor:.2f}×" if floor else "–"
    h = f"{hugo / t:.2f}×" if hugo else "–"
    print(f"| {name} | {sys.argv[2]} | {t:.3f} | {f} | {h} |")
PY
  echo "peak memory (maximum resident set size, kB), N = $n:"
  bash -c "$prepare"; mkdir -p "$out"
  /usr/bin/time -v "$lede" build --no-search --root "$dir/lede" --output "$out/lede" 2>&1 |
    sed -n 's/.*Maximum resident set size (kbytes): /  lede build --no-search: /p'
  if command -v hugo >/dev/null; then
    /usr/bin/time -v hugo --quiet -s "$dir/hugo" -d "$out/hugo" 2>&1 |
      sed -n 's/.*Maximum resident set size (kbytes): /  hugo: /p'
  fi
  rm -rf "$out"
done
