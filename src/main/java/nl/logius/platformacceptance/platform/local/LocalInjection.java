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
    UPDATE_STOPS_ALL_FIRST("KP-DEP-02",
            "an update stops every old instance before the new ones are ready (recreate instead of a rolling update)"),
    ROLLBACK_REDEPLOYS_CURRENT("KP-DEP-03",
            "a rollback redeploys the current version instead of the previous one"),
    SCALED_OUT_NOT_IN_SERVICE("KP-DEP-04",
            "instances added by scaling out never join the service name (only their own names resolve)"),
    CRASH_NOT_HEALED("KP-DEP-05",
            "a crashed instance is left down: restart policy 'no', and the controller does not replace it"),
    NO_RESTART("KP-FO-01",
            "the platform does not restart a crashed instance (restart policy 'no')"),
    NO_HEALTH_CHECKS("KP-FO-03",
            "the platform does not health-check instances: a frozen instance stays in rotation");

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
