#!/usr/bin/env bash
# Makes (or keeps) a Python virtual environment holding exactly the pinned packages of a requirements file:
#   scripts/python-venv.sh VENV REQUIREMENTS
# Packages come from the package indexes pip's own configuration names (index-url / extra-index-url, such as a
# local mirror), never from a host that configuration does not name: pypi.org is not asked first. An environment
# that already holds every pinned version is left alone. Fails when they cannot be installed.
set -euo pipefail
[ $# -eq 2 ] || { echo "python-venv: usage: scripts/python-venv.sh VENV REQUIREMENTS" >&2; exit 2; }
venv="$1"
requirements="$2"
python="${PYTHON:-python3}"
[ -f "$requirements" ] || { echo "python-venv: $requirements not found" >&2; exit 2; }

# whether the environment holds every pinned version
pinned() {
  "$venv/bin/python" - "$requirements" 2> /dev/null <<'PY'
import sys
from importlib.metadata import version
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if line:
        name, wanted = line.split("==")
        assert version(name) == wanted, name
PY
}
pinned && exit 0
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
[ ${#indexes[@]} -gt 0 ] || { echo "python-venv: pip names no package index here (pip config get global.index-url / extra-index-url): cannot install $requirements" >&2; exit 1; }
echo "python-venv: installing $requirements into $venv from ${indexes[*]} ..." >&2
rm -rf "$venv"
"$python" -m venv "$venv" || { echo "python-venv: $python -m venv failed (Debian: apt-get install python3-venv)" >&2; exit 1; }
args=(--index-url "${indexes[0]}")
for extra in "${indexes[@]:1}"; do args+=(--extra-index-url "$extra"); done
"$venv/bin/pip" install -q --disable-pip-version-check "${args[@]}" -r "$requirements" 2>&1 \
  | grep -v "is ignored: it is neither a file nor a directory" >&2 || true
pinned || { echo "python-venv: $requirements could not be installed into $venv" >&2; exit 1; }
