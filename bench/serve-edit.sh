#!/usr/bin/env bash
# One edit for bench/serve-latency.sh: FILE becomes ORIGINAL plus a new
# paragraph holding a word never served before, written in one go; then URL
# is fetched every 2 ms until that word is in the page.
set -euo pipefail
file=$1 original=$2 url=$3
word="edit$(date +%s%N)"
text=$(cat "$original")
printf '%s\n\n%s\n' "$text" "$word" > "$file"
until curl -fsS "$url" 2>/dev/null | grep -q "$word"; do sleep 0.002; done
