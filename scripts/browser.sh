# Shared by the test command and the browser test: make sure a headless browser is on this machine, so that
# the overview page and the Allure report are proven to open in a real browser.
# Where none is installed, install Debian's chromium (as root), as scripts/engine.sh does for the Docker engine.
#   . scripts/browser.sh && ensure_chromium     (sourced: defines the function)
#   bash scripts/browser.sh                     (run: installs when needed, prints the browser's path, exit 0 or 1)

PA_BROWSER_APT_LOG="${PA_BROWSER_APT_LOG:-/tmp/platform-acceptance-apt-chromium.log}"

pa_say() { echo "platform-acceptance: $*" >&2; }

pa_chromium_path() { command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null; }

# Returns 0 when Chromium is there (installing it if needed), 1 (after saying what to do) when it cannot be.
ensure_chromium() {
  if pa_chromium_path >/dev/null; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    pa_say "no Chromium on this machine; install it as root (apt-get install chromium), then retry"
    return 1
  fi
  pa_say "no Chromium on this machine: installing Debian's chromium (once, a minute or two; log: $PA_BROWSER_APT_LOG)"
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
         && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } >"$PA_BROWSER_APT_LOG" 2>&1; then
    pa_say "installing chromium failed (see $PA_BROWSER_APT_LOG); install it as root (apt-get install chromium), then retry"
    return 1
  fi
  if ! pa_chromium_path >/dev/null; then
    pa_say "chromium was installed but is not on the PATH; see $PA_BROWSER_APT_LOG"
    return 1
  fi
  pa_say "Chromium installed: $(pa_chromium_path)"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  ensure_chromium && pa_chromium_path
fi
