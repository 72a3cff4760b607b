package nl.logius.platformacceptance.platform.local;

import nl.logius.platformacceptance.platform.PlatformException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Counts the connections to an instance's service port that still carry a request or its answer, so that
 * the local platform's controller can let them finish before it removes the instance (a graceful drain, as
 * Kubernetes gives a terminating pod). Read from the kernel's table of the instance's network namespace,
 * {@code /proc/<pid>/net/tcp} and {@code tcp6}, from the host: no tool is needed inside the container.
 */
final class ServiceConnections {

    /**
     * ESTABLISHED, SYN_RECV, FIN_WAIT1 (the answer may not be acknowledged yet), CLOSE_WAIT, LAST_ACK and
     * CLOSING. LISTEN, FIN_WAIT2 and TIME_WAIT are done with: removing the instance cannot lose data there.
     */
    private static final Set<String> IN_USE = Set.of("01", "03", "04", "08", "09", "0B");

    private ServiceConnections() {
    }

    /** Connections in use on {@code port} in the network namespace of process {@code pid}; 0 when it is gone. */
    static int inUse(long pid, int port) {
        return inUse(read(Path.of("/proc", String.valueOf(pid), "net", "tcp")), port)
                + inUse(read(Path.of("/proc", String.valueOf(pid), "net", "tcp6")), port);
    }

    /** Counts the in-use connections with local port {@code port} in one {@code /proc/net/tcp} table. */
    static int inUse(String table, int port) {
        String localPort = String.format(Locale.ROOT, ":%04X", port);
        int count = 0;
        for (String line : table.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            // sl local_address rem_address st ...; the header line has "local_address" as its second field.
            if (fields.length > 3 && fields[1].endsWith(localPort) && IN_USE.contains(fields[3].toUpperCase(Locale.ROOT))) {
                count++;
            }
        }
        return count;
    }

    private static String read(Path table) {
        try {
            return Files.readString(table);
        } catch (NoSuchFileException e) {
            return ""; // the process is gone, and its connections with it (or the kernel has no IPv6)
        } catch (IOException e) {
            throw new PlatformException("cannot read " + table + " (" + e.getMessage()
                    + "); the local platform needs root on the Docker host", e);
        }
    }
}
