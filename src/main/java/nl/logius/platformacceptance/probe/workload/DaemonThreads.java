package nl.logius.platformacceptance.probe.workload;

import java.util.concurrent.ThreadFactory;

/** Threads of the probe's pools: daemons, so that only the admin server keeps the process alive; named, for thread dumps. */
final class DaemonThreads {

    private DaemonThreads() {
    }

    static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
