package nl.logius.platformacceptance.platform;

import java.util.List;

/**
 * Something the checks need of a target, as its driver found it before a run ({@code preflight}, and the start of
 * every run): the API answering, a right, zones, a storage class, enforced network policies, an ingress, the probe
 * image. Which checks need it follows from the SPI operations it serves ({@link #neededFor}): a check that uses
 * one of them needs the capability, and a missing capability makes the driver refuse the operation with
 * {@link NotSupportedException}, so that the check is skipped with the reason, its knelpunt INCONCLUSIVE.
 *
 * @param name       short and stable, e.g. {@code network policies enforced}
 * @param status     present, missing, or not verifiable here
 * @param detail     what was found, in the platform's words
 * @param neededFor  the SPI operations that need it; {@link Operation#EVERY_CHECK} for all
 */
public record Capability(String name, Status status, String detail, List<Operation> neededFor) {

    public Capability {
        neededFor = List.copyOf(neededFor);
    }

    public static Capability present(String name, String detail, Operation... neededFor) {
        return new Capability(name, Status.PRESENT, detail, List.of(neededFor));
    }

    public static Capability missing(String name, String detail, Operation... neededFor) {
        return new Capability(name, Status.MISSING, detail, List.of(neededFor));
    }

    public static Capability unverified(String name, String detail, Operation... neededFor) {
        return new Capability(name, Status.UNVERIFIED, detail, List.of(neededFor));
    }

    public boolean isPresent() {
        return status == Status.PRESENT;
    }

    /** {@code network policies enforced: MISSING (a pod behind a deny-all policy still accepted connections)}. */
    public String describe() {
        return name + ": " + status + " (" + detail + ")";
    }

    public enum Status {
        PRESENT,
        /** The platform lacks it: the operations that need it are refused. */
        MISSING,
        /** It could not be judged here (a right to look was missing, or the test of it could not run). */
        UNVERIFIED
    }

    /**
     * The SPI operations a capability serves, each named by the SPI method a check calls, so that the checks that
     * need a capability can be found in their code.
     */
    public enum Operation {
        EVERY_CHECK(null, null),
        DEPLOY(Tenant.class, "deploy"),
        PLACE_IN_ZONE(WorkloadSpec.class, "inZone"),
        INSTANCE_ZONE(Instance.class, "zone"),
        INSTANCE_ADDRESS(Instance.class, "address"),
        CUT_OFF_ZONE(Tenant.class, "cutOff"),
        DELETE_INSTANCE(Instance.class, "delete"),
        STABLE_IDENTITY(WorkloadSpec.class, "withStableIdentity"),
        ROLLBACK(Workload.class, "rollback"),
        CREATE_VOLUME(Tenant.class, "createVolume"),
        SHARE_VOLUME(VolumeSpec.class, "sharedByInstances"),
        EXPOSE(Tenant.class, "expose");

        private final Class<?> owner;
        private final String method;

        Operation(Class<?> owner, String method) {
            this.owner = owner;
            this.method = method;
        }

        /** The SPI type whose method it is; null for {@link #EVERY_CHECK}. */
        public Class<?> owner() {
            return owner;
        }

        public String method() {
            return method;
        }

        @Override
        public String toString() {
            return owner == null ? "every check" : owner.getSimpleName() + "." + method;
        }
    }
}
