#!/usr/bin/env bash
# Lists C# files whose top-level types are more than one, or whose one type is not named after the file.
# Usage: scripts/types-per-file.sh [folder...]   (default: libs workers tests bench)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- libs workers tests bench
find "$@" -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*' -not -path '*/Migrations/*' -print0 |
  xargs -0 awk '
    FNR == 1 { if (prev) report(); prev = FILENAME; n = 0; names = "" }
    /^(public |internal |file )?(static |sealed |abstract |partial |readonly |ref )*(class|record|struct|interface|enum|delegate)( struct| class)? / {
      line = $0; sub(/^(public |internal |file )?(static |sealed |abstract |partial |readonly |ref )*(class|record|struct|interface|enum)( struct| class)? /, "", line)
      if ($0 ~ / delegate /) { sub(/^.*delegate [^ ]+ /, "", line) }
      match(line, /^[A-Za-z0-9_]+/); names = names " " substr(line, RSTART, RLENGTH); n++
    }
    function report(   base) { base = prev; sub(/.*\//, "", base); sub(/\.cs$/, "", base)
      if (n > 1 || (n == 1 && names != " " base)) print prev ":" names }
    END { if (prev) report() }'
