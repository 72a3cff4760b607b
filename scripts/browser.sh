# Shared by the test command and the browser tests: make sure a headless browser is on this machine, so that
# the overview page, the steering-group page and the Allure report are proven to open in a real browser, and
# that pdftotext is there to read back the PDF the browser prints.
# Where one is missing, install Debian's package (as root), as scripts/engine.sh does for the Docker engine:
# chromium for the browser, poppler-utils for pdftotext.
#   . scripts/browser.sh && ensure_chromium && ensure_pdftotext   (sourced: defines the functions)
#   bash scripts/browser.sh [chromium|pdftotext]   (run: installs when needed, prints the path, exit 0 or 1)

PA_BROWSER_APT_LOG="${PA_BROWSER_APT_LOG:-/tmp/platform-acceptance-apt-chromium.log}"

pa_say() { echo "platform-acceptance: $*" >&2; }

pa_chromium_path() { command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null; }

pa_pdftotext_path() { command -v pdftotext 2>/dev/null; }

# pa_ensure WHAT PACKAGE PATH_FUNCTION: 0 when PATH_FUNCTION finds it (installing PACKAGE if needed), 1 (after
# saying what to do) when it cannot be had.
pa_ensure() {
  local what="$1" package="$2" path_of="$3"
  if "$path_of" >/dev/null; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    pa_say "no $what on this machine; install it as root (apt-get install $package), then retry"
    return 1
  fi
  pa_say "no $what on this machine: installing Debian's $package (once, a minute or two; log: $PA_BROWSER_APT_LOG)"
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
         && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package"; } >"$PA_BROWSER_APT_LOG" 2>&1; then
    pa_say "installing $package failed (see $PA_BROWSER_APT_LOG); install it as root (apt-get install $package), then retry"
    return 1
  fi
  if ! "$path_of" >/dev/null; then
    pa_say "$package was installed but $what is not on the PATH; see $PA_BROWSER_APT_LOG"
    return 1
  fi
  pa_say "$what installed: $("$path_of")"
}

ensure_chromium() { pa_ensure Chromium chromium pa_chromium_path; }

ensure_pdftotext() { pa_ensure pdftotext poppler-utils pa_pdftotext_path; }

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case "${1:-chromium}" in
    chromium) ensure_chromium && pa_chromium_path ;;
    pdftotext) ensure_pdftotext && pa_pdftotext_path ;;
    *) pa_say "unknown tool '$1'; expected chromium or pdftotext"; exit 2 ;;
  esac
fi
