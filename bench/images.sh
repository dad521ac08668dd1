#!/usr/bin/env bash
# The image benchmark (docs/images.md, docs/performance.md): N explainers,
# each with a photo-like 2400 × 1600 JPEG hero (examples/image_corpus.rs),
# built by lede and by Hugo (a layout resizing each hero to the same widths
# in WebP, quality 75, Lanczos), in the same run, with hyperfine.
#
#   bench/images.sh [N]        (default 1000; RUNS=3; ARTICLES=1: full
#                              articles instead of one paragraph each)
#
# Rows: lede cold (no cache, WebP + JPEG), lede warm (the cache kept: a
# rebuild), lede without images (the same explainers, no hero), Hugo cold
# (its resources/_gen removed), Hugo warm; then lede cold with the default
# AVIF + WebP, once, for AVIF's cost.
# Needs: hyperfine; hugo (extended) for its rows.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
runs=${RUNS:-3}
dir=target/image-bench/$n${ARTICLES:+-articles}
cargo build --release --quiet --bin lede --example image_corpus
lede=$PWD/target/release/lede
[[ -d $dir/lede ]] || ./target/release/examples/image_corpus "$n" "$dir" ${ARTICLES:+--articles}
out=/tmp/lede-image-bench
mkdir -p "$out"
cmds=(
  -n "lede cold (WebP)" --prepare "rm -rf $dir/lede/.lede-cache $out/cold"
      "$lede build --no-search --root $dir/lede --output $out/cold"
  -n "lede warm (WebP)" --prepare "$lede build --no-search --root $dir/lede --output $out/warm >/dev/null"
      "$lede build --no-search --root $dir/lede --output $out/warm"
  -n "lede, no images" --prepare "$lede build --no-search --root $dir/lede-plain --output $out/plain >/dev/null"
      "$lede build --no-search --root $dir/lede-plain --output $out/plain"
)
if command -v hugo >/dev/null; then
  cmds+=(
    -n "hugo cold (WebP)" --prepare "rm -rf $dir/hugo/resources $out/hugo"
        "hugo --quiet -s $dir/hugo -d $out/hugo"
    -n "hugo warm (WebP)" --prepare "hugo --quiet -s $dir/hugo -d $out/hugo-warm >/dev/null"
        "hugo --quiet -s $dir/hugo -d $out/hugo-warm"
  )
fi
hyperfine --runs "$runs" --export-json "$dir/hyperfine.json" "${cmds[@]}"
echo "AVIF + WebP, cold, once:"
rm -rf "$dir/lede-avif/.lede-cache" "$out/avif"
/usr/bin/time -f "%e s, %M KB peak" "$lede" build --no-search --root "$dir/lede-avif" --output "$out/avif"
