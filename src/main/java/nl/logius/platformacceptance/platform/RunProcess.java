package nl.logius.platformacceptance.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

/**
 * Identifies the process of a run as {@code host/pid/start-epoch-ms}, and tells whether such a process is
 * still alive. The start time guards against a recycled pid; the host against runs on other machines
 * sharing an engine, whose liveness cannot be seen from here (those are never swept).
 *
 * @param host       host name
 * @param pid        process id
 * @param startMillis the process's start, epoch milliseconds
 */
public record RunProcess(String host, long pid, long startMillis) {

    public static RunProcess current() {
        ProcessHandle self = ProcessHandle.current();
        return new RunProcess(hostName(), self.pid(), startOf(self).orElse(0L));
    }

    public static Optional<RunProcess> parse(String id) {
        String[] parts = id == null ? new String[0] : id.split("/");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RunProcess(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public String id() {
        return host + "/" + pid + "/" + startMillis;
    }

    /** True unless we can see that the process is gone: same host, and no such pid with that start time. */
    public boolean mayBeAlive() {
        if (!host.equals(hostName())) {
            return true;
        }
        return ProcessHandle.of(pid)
                .map(handle -> handle.isAlive() && startOf(handle).map(start -> Math.abs(start - startMillis) < 2_000)
                        .orElse(true))
                .orElse(false);
    }

    private static Optional<Long> startOf(ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toEpochMilli);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
        }
    }
}
