#!/usr/bin/env bash
# From saving an explainer to its new page being served by `lede serve`,
# measured with hyperfine (each run: one edit, then curl until the new word
# is served).
#
#   bench/serve-latency.sh SITE [SLUG]     (e.g. target/hyperfine/10000/lede)
#
# Starts `lede serve` (release build) on SITE, waits for the first build and
# for the search index to follow, then runs hyperfine over
# `bench/serve-edit.sh`, which appends a new word to the explainer the way an
# editor's save does (the whole file in one write) and polls its page every
# 2 ms. The explainer is restored at the end. RUNS (default 7) sets the
# number of edits; NO_SEARCH=1 serves without the search index.
set -euo pipefail
site=${1:?usage: bench/serve-latency.sh SITE [SLUG]}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
command -v hyperfine >/dev/null || { echo "hyperfine is not on the PATH" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is not on the PATH" >&2; exit 2; }
cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
lede=$repo/target/release/lede

file=$(find "$site/content" -name '*.md' | sort | sed -n 1p)
slug=${2:-$(basename "$file" .md)}
[[ -n ${2:-} ]] && file=$(find "$site/content" -name "$slug.md" | sed -n 1p)
backup=$(mktemp)
cp "$file" "$backup"
port=$((20000 + RANDOM % 20000))
flags=()
[[ -n ${NO_SEARCH:-} ]] && flags+=(--no-search)
"$lede" serve --root "$site" --port "$port" "${flags[@]}" > /tmp/lede-serve-latency.log 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; cp "$backup" "$file"; rm -f "$backup"; }
trap cleanup EXIT

url=http://127.0.0.1:$port/$slug/
until curl -fsS -o /dev/null "$url" 2>/dev/null; do sleep 0.2; done
# Let the first search index finish, so the edits run while only their own
# background refresh competes with them (as while an editor works).
if [[ -z ${NO_SEARCH:-} ]]; then
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/pagefind/pagefind-entry.json" 2>/dev/null; do sleep 0.5; done
fi
hyperfine --runs "${RUNS:-7}" --export-json "${EXPORT:-/tmp/serve-latency.json}" \
  "bash $here/serve-edit.sh $file $backup $url"
python3 - "${EXPORT:-/tmp/serve-latency.json}" <<'PY'
import json, statistics, sys
times = json.load(open(sys.argv[1]))["results"][0]["times"]
print(f"edit → served: median {statistics.median(times) * 1000:.0f} ms over {len(times)} edits "
      f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})")
PY
