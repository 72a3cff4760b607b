package nl.logius.platformacceptance.platform.local;

import java.util.Arrays;
import java.util.Optional;

/**
 * The faults the local reference platform can be given, one per knelpunt, to reproduce it for real
 * ({@code run --inject KP-FO-01}). Calibration uses them to prove that each check fails when its knelpunt
 * is present. Only the driver knows about them: checks are blind to what was injected.
 */
public enum LocalInjection {

    SERVICE_NAME_NOT_IN_DNS("KP-NET-01",
            "workloads are started without their service name in the platform's DNS (only instance names resolve)"),
    SLOW_LINK_BETWEEN_ZONES("KP-NET-02",
            "traffic to every service passes a network element that holds each chunk of data "
                    + LocalNetworkElement.Faults.LINK_LATENCY_MILLIS + " ms in each direction,"
                    + " as an overloaded link between zones does"),
    LARGE_TRANSFERS_CUT("KP-NET-03",
            "a network element in front of every service resets a connection once it has carried "
                    + LocalNetworkElement.Faults.CUT_ABOVE_BYTES / 1024 + " KiB in one direction"),
    IDLE_CONNECTIONS_CUT("KP-NET-04",
            "a network element in front of every service resets connections that have been idle for "
                    + LocalNetworkElement.Faults.IDLE_CUT_MILLIS / 1000 + " s"),
    TENANTS_SHARE_A_NETWORK("KP-NET-05",
            "every instance is also attached to the networks of the other tenants of the run"),
    INGRESS_TLS_MISCONFIGURED("KP-NET-06",
            "the ingress also offers TLS 1.0 and 1.1 and presents a certificate of an unknown authority, for another"
                    + " host name, that expires in 7 days"),
    PROVISIONER_REFUSES("KP-STO-01",
            "every volume claim asks the engine's volume driver to enforce the volume's size, which storage"
                    + " without project quotas cannot do: the driver refuses every claim at once"),
    BIT_ROT("KP-STO-02",
            "another process on the volume flips a byte in every file shortly after it was written"),
    VOLUME_NOT_DURABLE("KP-STO-03",
            "instances get a tmpfs where their volume should be mounted: the engine discards it when the"
                    + " instance stops, so a restarted instance starts with an empty folder"),
    SLOW_STORAGE("KP-STO-04",
            "the engine throttles the block I/O of every instance on the disk that holds the volumes to"
                    + " " + InstanceStorage.THROTTLED_WRITE_MIB_PER_SECOND + " MiB/s and "
                    + InstanceStorage.THROTTLED_WRITE_OPERATIONS_PER_SECOND + " write operations/s (cgroup block I/O limits)"),
    VOLUMES_NOT_SHARED("KP-STO-05",
            "each instance gets a volume of its own where the workload asked for one volume shared by all"),
    SLOW_READINESS("KP-DEP-01",
            "every instance takes 90 s to become ready, longer than the criterion allows"),
    UPDATE_STOPS_ALL_FIRST("KP-DEP-02",
            "an update stops every old instance before the new ones are ready (recreate instead of a rolling update)"),
    ROLLBACK_REDEPLOYS_CURRENT("KP-DEP-03",
            "a rollback redeploys the current version instead of the previous one"),
    SCALED_OUT_NOT_IN_SERVICE("KP-DEP-04",
            "instances added by scaling out never join the service name (only their own names resolve)"),
    CRASH_NOT_HEALED("KP-DEP-05",
            "a crashed instance is left down: restart policy 'no', and the controller does not replace it"),
    NO_REPLACEMENT("KP-FO-01",
            "the platform's controller does not replace a deleted instance: the workload stays one instance short"),
    ALL_IN_ONE_ZONE("KP-FO-02",
            "the platform ignores spreading: every instance of a spread workload lands in the first zone"),
    NO_HEALTH_CHECKS("KP-FO-03",
            "the platform does not health-check instances: a frozen instance stays in rotation"),
    ACK_BEFORE_DURABLE("KP-FO-04",
            "the stateful workload acknowledges a write at once and writes it to its volume 1 s later, so a crash loses acknowledged writes");

    private final String knelpuntId;
    private final String description;

    LocalInjection(String knelpuntId, String description) {
        this.knelpuntId = knelpuntId;
        this.description = description;
    }

    public String knelpuntId() {
        return knelpuntId;
    }

    public String description() {
        return description;
    }

    public static Optional<LocalInjection> forKnelpunt(String knelpuntId) {
        return Arrays.stream(values()).filter(i -> i.knelpuntId.equals(knelpuntId)).findFirst();
    }
}
