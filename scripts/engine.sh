# Shared by the launcher and the test command: make sure a Docker engine answers on this machine.
# Where none is installed, install Debian's docker.io (as root); where dockerd is not running, start it.

PA_DOCKERD_LOG="${PA_DOCKERD_LOG:-/var/log/platform-acceptance-dockerd.log}"

pa_say() { echo "platform-acceptance: $*" >&2; }

pa_engine_answers() { docker info >/dev/null 2>&1; }

# Returns 0 when the engine answers, 1 (after saying what to do) when it cannot be made to.
ensure_docker_engine() {
  if command -v docker >/dev/null 2>&1 && pa_engine_answers; then
    return 0
  fi
  if ! command -v dockerd >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
      pa_say "no Docker engine on this machine: installing Debian's docker.io (once, about a minute)"
      if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io; } >/tmp/platform-acceptance-apt.log 2>&1; then
        pa_say "installing docker.io failed (see /tmp/platform-acceptance-apt.log); install a Docker engine and start it, then retry"
        return 1
      fi
    else
      pa_say "no Docker engine on this machine; install one as root (apt-get install docker.io) and start dockerd, then retry"
      return 1
    fi
  fi
  if [ "$(id -u)" -ne 0 ]; then
    pa_say "the Docker engine is installed but not running, and only root can start it: run 'sudo dockerd &' and retry"
    return 1
  fi
  pa_say "the Docker engine is not running: starting dockerd (log: $PA_DOCKERD_LOG)"
  nohup dockerd >"$PA_DOCKERD_LOG" 2>&1 &
  for _ in $(seq 1 60); do
    if pa_engine_answers; then
      pa_say "the Docker engine answers"
      return 0
    fi
    sleep 1
  done
  pa_say "dockerd did not answer within 60 s; see $PA_DOCKERD_LOG"
  return 1
}

# Testcontainers on a machine without a registry: no Ryuk (its image cannot be pulled; the harness
# cleans up by label), no start-up checks, and any accidental pull fails at once against a dead address.
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_CHECKS_DISABLE=true
export TESTCONTAINERS_HOST_OVERRIDE=localhost
export TESTCONTAINERS_HUB_IMAGE_NAME_PREFIX=127.0.0.1:1/
export TESTCONTAINERS_PULL_TIMEOUT=5
