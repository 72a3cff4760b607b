package nl.logius.platformacceptance.platform.kubernetes;

import nl.logius.platformacceptance.platform.NotSupportedException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Placeholder, completed with preflight. */
final class ClusterCapabilities {
    static final String READ_WRITE_ONCE = "storage-read-write-once";
    static final String READ_WRITE_MANY = "storage-read-write-many";
    static final String INGRESS = "ingress";
    static final String NETWORK_POLICIES = "network-policies";

    private final Map<String, String> missing = new ConcurrentHashMap<>();

    void refuseIfMissing(String capability) {
        String why = missing.get(capability);
        if (why != null) {
            throw new NotSupportedException(why);
        }
    }
}
