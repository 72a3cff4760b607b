package nl.logius.platformacceptance.probe.workload;

import com.sun.net.httpserver.Headers;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who this probe is: its instance, zone, workload and version, from the environment the platform gave it.
 * Every response carries the instance and version as headers, so a client can count who served it.
 */
record ProbeIdentity(String instance, String zone, String workload, String version, Instant startedAt) {

    static final String INSTANCE_HEADER = "X-Probe-Instance";
    static final String VERSION_HEADER = "X-Probe-Version";

    static ProbeIdentity fromEnvironment() {
        return new ProbeIdentity(env("PROBE_INSTANCE", hostName()), env("PROBE_ZONE", "unknown"),
                env("PROBE_WORKLOAD", "probe"), env("PROBE_VERSION", "1"), Instant.now());
    }

    void stamp(Headers headers) {
        headers.set(INSTANCE_HEADER, instance);
        headers.set(VERSION_HEADER, version);
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("instance", instance);
        map.put("zone", zone);
        map.put("workload", workload);
        map.put("version", version);
        map.put("startedAt", startedAt.toString());
        map.put("pid", ProcessHandle.current().pid());
        return map;
    }

    static String env(String name, String defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? defaultValue : value;
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        return host == null ? "probe" : host;
    }
}
