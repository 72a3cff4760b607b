package nl.logius.platformacceptance.platform.local;

import nl.logius.platformacceptance.platform.PlatformException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Takes an instance in and out of rotation, as a readiness probe does on Kubernetes: while the gate is
 * closed, new connections to the instance's service port are refused (TCP reset) inside its network
 * namespace, so clients move on to another instance at once; the admin port stays open for health checks.
 * Connections already open are left to finish (only SYN packets are refused), as kube-proxy leaves the
 * established connections of a pod that leaves a Service's endpoints: taking an instance out of rotation
 * must not cut off the requests it is answering.
 *
 * <p>Docker's DNS has no notion of readiness (an alias resolves as soon as a container starts), so the
 * local platform implements it with iptables in the container's network namespace, entered from the host.
 */
final class ServicePortGate {

    private static final long COMMAND_TIMEOUT_SECONDS = 10;

    private ServicePortGate() {
    }

    static void close(long pid, int servicePort) {
        if (!hasRule(pid, servicePort)) {
            iptables(pid, "-I", servicePort);
        }
    }

    static void open(long pid, int servicePort) {
        while (hasRule(pid, servicePort)) {
            iptables(pid, "-D", servicePort);
        }
    }

    private static boolean hasRule(long pid, int servicePort) {
        return runIptables(pid, "-C", servicePort) == 0;
    }

    private static void iptables(long pid, String action, int servicePort) {
        int exit = runIptables(pid, action, servicePort);
        if (exit != 0) {
            throw new PlatformException("cannot " + (action.equals("-I") ? "close" : "open")
                    + " the service port of process " + pid + " (iptables exit " + exit
                    + "); the local platform needs root, nsenter and iptables on the Docker host");
        }
    }

    private static int runIptables(long pid, String action, int servicePort) {
        List<String> command = new ArrayList<>(List.of("nsenter", "-t", String.valueOf(pid), "-n", "iptables", "-w",
                action, "INPUT", "-p", "tcp", "--dport", String.valueOf(servicePort), "--syn", "-j", "REJECT",
                "--reject-with", "tcp-reset"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            process.getInputStream().readAllBytes();
            return process.exitValue();
        } catch (IOException e) {
            throw new PlatformException("cannot run " + String.join(" ", command) + ": " + e.getMessage()
                    + "; the local platform needs nsenter and iptables on the Docker host", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while running iptables", e);
        }
    }

    static String describe(byte[] output) {
        return new String(output, StandardCharsets.UTF_8).strip();
    }
}
