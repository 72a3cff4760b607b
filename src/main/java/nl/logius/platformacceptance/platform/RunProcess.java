package nl.logius.platformacceptance.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

/**
 * Identifies the process of a run, and tells whether such a process is still alive. The start time guards
 * against a recycled pid; the host against runs on other machines sharing a platform, whose liveness cannot
 * be seen from here (their leftovers are recognised by their expiry instead, see {@link Ownership}).
 *
 * <p>As a label value ({@link #labelValue()}): {@code <pid>-<start-epoch-ms>-<host>}, within the 63
 * characters of {@code [A-Za-z0-9._-]} that Kubernetes allows, the host shortened where needed.
 *
 * @param host        host name, as it appears in the label (sanitised and shortened)
 * @param pid         process id
 * @param startMillis the process's start, epoch milliseconds
 */
public record RunProcess(String host, long pid, long startMillis) {

    private static final int HOST_CHARACTERS = 36;

    public static RunProcess current() {
        ProcessHandle self = ProcessHandle.current();
        return new RunProcess(labelHost(hostName()), self.pid(), startOf(self).orElse(0L));
    }

    /** Reads {@link #labelValue()} back; empty for anything else. */
    public static Optional<RunProcess> parse(String labelValue) {
        String[] parts = labelValue == null ? new String[0] : labelValue.split("-", 3);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RunProcess(parts[2], Long.parseLong(parts[0]), Long.parseLong(parts[1])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code 4711-1764860000123-ci-runner-7}. */
    public String labelValue() {
        return pid + "-" + startMillis + "-" + host;
    }

    /** {@code ci-runner-7/4711/1764860000123}, for people. */
    public String id() {
        return host + "/" + pid + "/" + startMillis;
    }

    /** True unless we can see that the process is gone: same host, and no such pid with that start time. */
    public boolean mayBeAlive() {
        if (!host.equals(labelHost(hostName()))) {
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

    /** The host name as a label may hold it: label characters only, at most {@value #HOST_CHARACTERS}, ending alphanumeric. */
    static String labelHost(String host) {
        String clean = host.replaceAll("[^A-Za-z0-9._-]", "-");
        clean = clean.substring(0, Math.min(clean.length(), HOST_CHARACTERS)).replaceAll("[^A-Za-z0-9]+$", "");
        return clean.isEmpty() ? "host" : clean;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
        }
    }
}
