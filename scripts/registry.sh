# Shared by the test command and the registry test: make sure a real OCI registry can be started on this machine,
# so that publish-probe is proven to push to one (with TLS and a password, as Harbor asks) and the engine to pull
# from it. Where they are missing, install Debian's docker-registry (the CNCF Distribution registry) and
# apache2-utils (htpasswd), as root, as scripts/browser.sh does for Chromium.
#   . scripts/registry.sh && ensure_registry_tools     (sourced: defines the function)
#   bash scripts/registry.sh                           (run: installs when needed, exit 0 or 1)

PA_REGISTRY_APT_LOG="${PA_REGISTRY_APT_LOG:-/tmp/platform-acceptance-apt-registry.log}"

pa_say() { echo "platform-acceptance: $*" >&2; }

pa_registry_tools_present() { command -v docker-registry >/dev/null 2>&1 && command -v htpasswd >/dev/null 2>&1; }

# Returns 0 when docker-registry and htpasswd are there (installing them if needed), 1 (after saying what to do) when not.
ensure_registry_tools() {
  if pa_registry_tools_present; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    pa_say "no docker-registry or htpasswd on this machine; install them as root (apt-get install docker-registry apache2-utils), then retry"
    return 1
  fi
  pa_say "installing Debian's docker-registry and apache2-utils for the registry test (once; log: $PA_REGISTRY_APT_LOG)"
  # The package's own service is not wanted: the test starts the registry itself, on a port of its own.
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
         && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-registry apache2-utils; } \
         >"$PA_REGISTRY_APT_LOG" 2>&1; then
    pa_say "installing docker-registry failed (see $PA_REGISTRY_APT_LOG); install it as root (apt-get install docker-registry apache2-utils), then retry"
    return 1
  fi
  if ! pa_registry_tools_present; then
    pa_say "docker-registry or htpasswd was installed but is not on the PATH; see $PA_REGISTRY_APT_LOG"
    return 1
  fi
  pa_say "docker-registry and htpasswd installed"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  ensure_registry_tools
fi
