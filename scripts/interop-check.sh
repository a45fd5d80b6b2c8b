#!/usr/bin/env bash
# Loads a finished corpus with every reader model teams use (pyarrow, DuckDB, Polars, pandas, Hugging Face datasets
# in normal and streaming mode, Megatron's layout with numpy) and checks each saw the manifest's rows and tokens:
#   scripts/interop-check.sh OUT
# The readers (scripts/interop-requirements.txt) go into a virtual environment, $CORPUSFORGE_VENV (default
# .venv-interop in the repository), installed from the package index pip's own configuration names
# (index-url / extra-index-url, such as a local mirror), never from a host that configuration does not name:
# pypi.org is not asked first. Fails, rather than skips, when they cannot be installed.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -eq 1 ] || { echo "interop-check: usage: scripts/interop-check.sh OUT" >&2; exit 2; }
out="$1"
[ -f "$out/manifest.json" ] || { echo "interop-check: $out/manifest.json not found: not a finished corpus" >&2; exit 2; }
venv="${CORPUSFORGE_VENV:-$repo/.venv-interop}"
requirements="$repo/scripts/interop-requirements.txt"
python="${PYTHON:-python3}"

# the indexes pip is configured with, those that can answer (a file:// index must exist), in order
indexes=()
for url in $("$python" -m pip config get global.index-url 2>/dev/null || true) \
           $("$python" -m pip config get global.extra-index-url 2>/dev/null || true) \
           ${PIP_INDEX_URL:-} ${PIP_EXTRA_INDEX_URL:-}; do
  case "$url" in
    file://*) [ -d "${url#file://}" ] || continue ;;
  esac
  indexes+=("$url")
done

if ! "$venv/bin/python" - "$requirements" 2> /dev/null <<'PY'
import sys
from importlib.metadata import version
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if line:
        name, wanted = line.split("==")
        assert version(name) == wanted, name
PY
then
  [ ${#indexes[@]} -gt 0 ] || { echo "interop-check: pip names no package index here (pip config get global.index-url / extra-index-url): cannot install the readers" >&2; exit 1; }
  echo "interop-check: installing the readers into $venv from ${indexes[*]} ..." >&2
  rm -rf "$venv"
  "$python" -m venv "$venv" || { echo "interop-check: $python -m venv failed (Debian: apt-get install python3-venv)" >&2; exit 1; }
  args=(--index-url "${indexes[0]}")
  for extra in "${indexes[@]:1}"; do args+=(--extra-index-url "$extra"); done
  "$venv/bin/pip" install -q --disable-pip-version-check "${args[@]}" -r "$requirements" 2>&1 \
    | grep -v "is ignored: it is neither a file nor a directory" >&2 || true
  "$venv/bin/python" -c 'import pyarrow, duckdb, polars, pandas, datasets, numpy' \
    || { echo "interop-check: the readers could not be installed into $venv" >&2; exit 1; }
fi
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! "$venv/bin/python" "$repo/scripts/interop-check.py" "$out" 2> "$log"; then
  echo "interop-check: the readers' errors in full:" >&2
  grep -v "examples/s\]" "$log" | tail -40 >&2
  exit 1
fi
