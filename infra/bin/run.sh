#!/bin/sh
# Runs a TypeScript entry point of the project under Node.js >= 22.17 (the project targets Node 24 LTS,
# whose type stripping runs our .ts files without a build step).
# On an older or missing Node it fetches Node 24 from the npm registry (package node-linux-<arch>, a plain
# tarball without install scripts) into .cache/node, then installs the workspace dependencies when the
# lockfile changed, then execs `node <entry> [args]`.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
node_version=24.21.0
cache="$root/.cache/node/$node_version"

node_is_recent() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=17)?0:1)'
}

if ! node_is_recent; then
  if [ ! -x "$cache/bin/node" ]; then
    case "$(uname -m)" in
      x86_64) arch=x64 ;;
      aarch64|arm64) arch=arm64 ;;
      *) echo "bakylau: no Node.js >= 22.17 and no node-linux package for $(uname -m)" >&2; exit 1 ;;
    esac
    echo "bakylau: Node $(node -v 2>/dev/null || echo none) is older than 22.17; fetching Node $node_version from the npm registry" >&2
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "node-linux-$arch@$node_version" >/dev/null && tar xzf node-linux-*.tgz)
    mkdir -p "$(dirname "$cache")"
    rm -rf "$cache" && mv "$tmp/package" "$cache" && rm -rf "$tmp"
  fi
  PATH="$cache/bin:$PATH"
  export PATH
fi

# Install dependencies when node_modules is missing or older than the lockfile (npm itself runs under the Node chosen above).
stamp="$root/node_modules/.bakylau-lock"
lock_sum=$(cat "$root/package-lock.json" "$root/package.json" 2>/dev/null | cksum)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  echo "bakylau: installing dependencies" >&2
  if [ -f "$root/package-lock.json" ]; then
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
  else
    (cd "$root" && npm install --no-audit --no-fund --loglevel=error)
  fi
  echo "$lock_sum" > "$stamp"
fi

cd "$root"
# kafkajs 2.2.4 (its last release) computes a negative timeout on Node >= 23; Node clamps it to 1 ms
# and warns on every client. The warning says nothing actionable, so every process started from here hides it.
NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--disable-warning=TimeoutNegativeWarning"
export NODE_OPTIONS
exec node "$@"
