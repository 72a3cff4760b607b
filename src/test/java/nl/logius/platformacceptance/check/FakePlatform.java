package nl.logius.platformacceptance.check;

import nl.logius.platformacceptance.platform.Disruption;
import nl.logius.platformacceptance.platform.ExternalEndpoint;
import nl.logius.platformacceptance.platform.NotSupportedException;
import nl.logius.platformacceptance.platform.Ownership;
import nl.logius.platformacceptance.platform.Platform;
import nl.logius.platformacceptance.platform.PlatformInfo;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Volume;
import nl.logius.platformacceptance.platform.VolumeSpec;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.Zone;

import java.util.ArrayList;
import java.util.List;

/** A platform for the harness's own engine tests: tenants that only record whether they were closed. */
public final class FakePlatform implements Platform {

    public final List<FakeTenant> tenants = new ArrayList<>();
    public final List<Ownership> removedOwners = new ArrayList<>();
    /** What {@link #unreachableSince} reports: null while the platform answered throughout. */
    public volatile String unreachable;

    @Override
    public PlatformInfo describe() {
        return new PlatformInfo("fake", "Fake platform", "0");
    }

    @Override
    public List<Zone> zones() {
        return List.of(new Zone("zone-a"), new Zone("zone-b"));
    }

    @Override
    public synchronized Tenant createTenant(Ownership owner, String name) {
        FakeTenant tenant = new FakeTenant(owner, name, zones());
        tenants.add(tenant);
        return tenant;
    }

    @Override
    public java.util.Optional<String> unreachableSince(java.time.Instant since) {
        return java.util.Optional.ofNullable(unreachable);
    }

    @Override
    public int sweepLeftovers() {
        return 0;
    }

    @Override
    public synchronized int removeAll(Ownership owner) {
        removedOwners.add(owner);
        return 0;
    }

    @Override
    public int removeRun(String runId) {
        return 0;
    }

    @Override
    public void close() {
    }

    /** A tenant that holds nothing; deploying into it is not what these tests are about. */
    public static final class FakeTenant implements Tenant {
        public final Ownership owner;
        private final String name;
        private final List<Zone> zones;
        public boolean closed;

        FakeTenant(Ownership owner, String name, List<Zone> zones) {
            this.owner = owner;
            this.name = name;
            this.zones = zones;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<Zone> zones() {
            return zones;
        }

        @Override
        public Workload deploy(WorkloadSpec spec) {
            throw new UnsupportedOperationException("the fake platform runs no workloads");
        }

        @Override
        public Volume createVolume(VolumeSpec spec) {
            throw new UnsupportedOperationException("the fake platform has no volumes");
        }

        @Override
        public ExternalEndpoint expose(Workload workload) {
            throw new NotSupportedException("the fake platform has no ingress");
        }

        @Override
        public Disruption cutOff(Zone zone) {
            return Disruption.now(Disruption.Kind.ZONE_CUT, "zone " + zone, "nothing: the fake platform has no network");
        }

        @Override
        public Disruption restore(Zone zone) {
            return Disruption.now(Disruption.Kind.ZONE_RESTORE, "zone " + zone, "nothing: the fake platform has no network");
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
