#!/usr/bin/env bash
# Regenerates the public API lists (PublicAPI.Shipped.txt / PublicAPI.Unshipped.txt) of every library package under
# src/ from the code, with Microsoft.CodeAnalysis.PublicApiAnalyzers' own code fix, then builds to prove them right.
#
#   eng/update-public-api.sh          rewrite every PublicAPI.Unshipped.txt from the code (after adding, changing or
#                                     removing public API; review the diff and commit it)
#   eng/update-public-api.sh --ship   at a release: move the unshipped lines into PublicAPI.Shipped.txt
#
# PublicAPI.Shipped.txt is the API of the last release and is never rewritten from the code: removing or changing a
# shipped symbol is a breaking change, so the build then fails with RS0017 until a "*REMOVED*<line>" entry is added
# to PublicAPI.Unshipped.txt by hand (this script keeps such entries). See docs/public-api.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

mode=update
case "${1:-}" in
  "") ;;
  --ship) mode=ship ;;
  *) echo "usage: $0 [--ship]" >&2; exit 2 ;;
esac

header='#nullable enable'

# The projects the analyzer runs on: packable, and not a dotnet tool (the condition in Directory.Build.props).
projects=()
for project in src/*/*.csproj; do
  read -r packable tool < <(dotnet msbuild "$project" -getProperty:IsPackable -getProperty:PackAsTool |
    python3 -c 'import json,sys; p=json.load(sys.stdin)["Properties"]; print(p["IsPackable"] or "-", p["PackAsTool"] or "-")')
  if [ "$packable" = true ] && [ "$tool" != true ]; then
    projects+=("$project")
  fi
done

# Moves each Unshipped line into Shipped ("*REMOVED*" lines delete their symbol from Shipped instead), sorted.
ship() {
  local dir=$1
  python3 - "$dir/PublicAPI.Shipped.txt" "$dir/PublicAPI.Unshipped.txt" "$header" <<'PY'
import sys
shipped_path, unshipped_path, header = sys.argv[1:]
def body(path):
    return [l for l in open(path, encoding="utf-8").read().splitlines() if l.strip() and l != header]
shipped, unshipped = set(body(shipped_path)), body(unshipped_path)
removed = {l[len("*REMOVED*"):] for l in unshipped if l.startswith("*REMOVED*")}
shipped = (shipped - removed) | {l for l in unshipped if not l.startswith("*REMOVED*")}
open(shipped_path, "w", encoding="utf-8", newline="\n").write("\n".join([header, *sorted(shipped, key=str.casefold)]) + "\n")
open(unshipped_path, "w", encoding="utf-8", newline="\n").write(header + "\n")
PY
}

for project in "${projects[@]}"; do
  dir=$(dirname "$project")
  [ -f "$dir/PublicAPI.Shipped.txt" ] || printf '%s\n' "$header" >"$dir/PublicAPI.Shipped.txt"
  if [ "$mode" = ship ]; then
    ship "$dir"
    echo "shipped: $dir"
    continue
  fi
  # Start Unshipped from nothing but the deliberate removals of shipped API, so symbols that were added and then
  # removed again before a release disappear, and let the analyzer's code fix (RS0016: symbol not declared) list
  # everything else that is public, with its nullability.
  removals=$(grep '^\*REMOVED\*' "$dir/PublicAPI.Unshipped.txt" 2>/dev/null || true)
  { printf '%s\n' "$header"; [ -z "$removals" ] || printf '%s\n' "$removals"; } >"$dir/PublicAPI.Unshipped.txt"
done

if [ "$mode" = update ]; then
  for project in "${projects[@]}"; do
    echo "listing the public API of $project"
    # --severity warn includes the errors eng/PublicApi.globalconfig makes of these rules.
    dotnet format analyzers "$project" --diagnostics RS0016 RS0036 RS0037 --severity warn
  done
fi

# The proof: each package builds with its lists (RS0016/RS0017/... are errors), so a shipped symbol that is gone, or
# an overload rule broken (RS0026/RS0027), shows here with its message.
for project in "${projects[@]}"; do
  dotnet build "$project" -c Release -warnaserror -nologo -v quiet
done
git status --short -- 'src/*/PublicAPI.*.txt'
