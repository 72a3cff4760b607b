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
    BIT_ROT("KP-STO-02",
            "another process on the volume flips a byte in every file shortly after it was written"),
    SLOW_READINESS("KP-DEP-01",
            "every instance takes 90 s to become ready, longer than the criterion allows"),
    NO_RESTART("KP-FO-01",
            "the platform does not restart a crashed instance (restart policy 'no')"),
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
