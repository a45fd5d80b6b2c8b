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

"$repo/scripts/python-venv.sh" "$venv" "$requirements" || { echo "interop-check: the readers could not be installed into $venv" >&2; exit 1; }
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! "$venv/bin/python" "$repo/scripts/interop-check.py" "$out" 2> "$log"; then
  echo "interop-check: the readers' errors in full:" >&2
  grep -v "examples/s\]" "$log" | tail -40 >&2
  exit 1
fi
