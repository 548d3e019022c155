#!/usr/bin/env bash
# Installs what the editor tests need (see test/editor/README.md): Debian packages, then
# code-server 4.100.3 in the git-ignored .vscode-test/code-server. Idempotent: every step is
# skipped when its result is already there. Fails loudly with the reason.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
# code-server 4.100.3 (VS Code 1.100.3) pins @vscode/ripgrep 1.15.11, whose postinstall downloads
# ripgrep v13.0.0-10 from GitHub unless the archive is in its cache (see its lib/download.js).
RIPGREP_PKG_VERSION=1.15.11
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
install_dir="$repo_root/.vscode-test/code-server"
code_server_bin="$install_dir/node_modules/.bin/code-server"

fail() { echo "setup-editor: ERROR: $*" >&2; exit 1; }
step() { echo "setup-editor: $*"; }

[ "$(uname -m)" = x86_64 ] || fail "only x86_64 Linux is supported (the ripgrep cache archive is for x86_64 musl)"
command -v node >/dev/null || fail "node is not on PATH"
command -v npm >/dev/null || fail "npm is not on PATH"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" = 20 ] || step "warning: code-server $CODE_SERVER_VERSION is built for Node 20; this is Node $(node -v)"

# 1. Debian packages (apt-get update only when something is missing).
missing=()
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
[ -x /usr/bin/chromium ] || missing+=(chromium)
# The extension-host suite runs a copied "Copy as curl" command (its token exchange pipes into jq).
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v jq >/dev/null 2>&1 || missing+=(jq)
# Fonts, so screenshots show text as a person sees it (Latin, and CJK names such as the simulator's).
for font in fonts-dejavu-core fonts-liberation fonts-wqy-microhei; do
  dpkg -s "$font" >/dev/null 2>&1 || missing+=("$font")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || fail "missing Debian packages (${missing[*]}); run as root or install them: apt-get install -y ${missing[*]}"
  step "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || fail "apt-get update failed"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null || fail "apt-get install ${missing[*]} failed"
else
  step "Debian packages present (libkrb5-dev, ripgrep, chromium, curl, jq, fonts)"
fi

installed_version() {
  # Read the manifest rather than run `code-server --version`, which writes ~/.config/code-server on first run.
  node -p 'require(process.argv[1]).version' "$install_dir/node_modules/code-server/package.json" 2>/dev/null || true
}
if [ -x "$code_server_bin" ] && [ "$(installed_version)" = "$CODE_SERVER_VERSION" ] \
   && [ -x "$install_dir/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ]; then
  step "code-server $CODE_SERVER_VERSION already installed in ${install_dir#"$repo_root"/}"
  exit 0
fi

# 2. The ripgrep archive in the cache @vscode/ripgrep looks at first: Debian's rg as `rg` at the root.
rg_cache_dir="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
rg_archive="$rg_cache_dir/$RIPGREP_ASSET"
if [ -s "$rg_archive" ] && tar -tzf "$rg_archive" 2>/dev/null | grep -qx 'rg'; then
  step "ripgrep cache present: $rg_archive"
else
  step "writing ripgrep cache archive from $(command -v rg): $rg_archive"
  mkdir -p "$rg_cache_dir"
  staging="$(mktemp -d)"
  cp "$(command -v rg)" "$staging/rg"
  chmod 755 "$staging/rg"
  tar -czf "$rg_archive.partial" -C "$staging" rg
  mv "$rg_archive.partial" "$rg_archive"
  rm -rf "$staging"
fi

# 3. code-server in its own folder, away from the extension's dependencies.
step "installing code-server $CODE_SERVER_VERSION into ${install_dir#"$repo_root"/} (about a minute)"
mkdir -p "$install_dir"
# allowScripts: npm 11 asks each project to approve its dependencies' install scripts; code-server's postinstall
# (it installs VS Code's own modules) and argon2's build are both needed.
cat >"$install_dir/package.json" <<'JSON'
{
  "name": "vcd-editor-test-code-server",
  "private": true,
  "description": "code-server for the editor tests (git-ignored; made by test/editor/setup.sh)",
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON
log="$install_dir/install.log"
# npm_config_unsafe_perm: code-server's postinstall refuses to run as root unless this variable is "true". npm 11 no
# longer knows the setting and writes "Unknown env config unsafe-perm" to install.log: expected, and harmless.
if ! (cd "$install_dir" && npm_config_unsafe_perm=true npm_config_yes=true \
      npm install --no-audit --no-fund --save-exact "code-server@$CODE_SERVER_VERSION" </dev/null >"$log" 2>&1); then
  tail -n 40 "$log" >&2
  if grep -q 'gssapi' "$log"; then fail "code-server's native module needs gssapi headers: apt-get install libkrb5-dev"; fi
  if grep -qi 'ripgrep\|api.github.com' "$log"; then fail "@vscode/ripgrep tried to download rg (cache not used?): expected $rg_archive"; fi
  fail "npm install code-server@$CODE_SERVER_VERSION failed (full log: $log)"
fi

version="$(installed_version)"
[ -x "$code_server_bin" ] && [ "$version" = "$CODE_SERVER_VERSION" ] || fail "npm install finished but $code_server_bin is missing or not $CODE_SERVER_VERSION (found '$version'; log: $log)"
[ -x "$install_dir/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] || fail "code-server installed without ripgrep (lib/vscode/node_modules/@vscode/ripgrep/bin/rg missing; log: $log)"
step "code-server $version ready: $code_server_bin"
