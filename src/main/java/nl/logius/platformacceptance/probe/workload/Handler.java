package nl.logius.platformacceptance.probe.workload;

import java.io.IOException;

/** One endpoint of the probe. Implementations answer through the {@link Exchange}. */
@FunctionalInterface
interface Handler {
    void handle(Exchange exchange) throws IOException;
}
