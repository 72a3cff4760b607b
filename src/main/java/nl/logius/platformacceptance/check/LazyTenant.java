package nl.logius.platformacceptance.check;

import nl.logius.platformacceptance.platform.Disruption;
import nl.logius.platformacceptance.platform.ExternalEndpoint;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Volume;
import nl.logius.platformacceptance.platform.VolumeSpec;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.Zone;

import java.util.List;
import java.util.function.Supplier;

/**
 * A check's tenant, created on first use inside the check rather than while JUnit resolves parameters:
 * a platform that is unreachable or lacks a capability then ends the check the way any other platform
 * failure does (broken, or skipped), with the platform's own message.
 */
final class LazyTenant implements Tenant {

    private final String name;
    private final Supplier<Tenant> factory;
    private Tenant tenant;
    private boolean closed;

    LazyTenant(String name, Supplier<Tenant> factory) {
        this.name = name;
        this.factory = factory;
    }

    private synchronized Tenant tenant() {
        if (closed) {
            // A check stopped at the run's deadline may still be running on its own thread: it starts nothing more.
            throw new IllegalStateException("tenant " + name + " was removed: its check has ended");
        }
        if (tenant == null) {
            tenant = factory.get();
        }
        return tenant;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Zone> zones() {
        return tenant().zones();
    }

    @Override
    public Workload deploy(WorkloadSpec spec) {
        return tenant().deploy(spec);
    }

    @Override
    public Volume createVolume(VolumeSpec spec) {
        return tenant().createVolume(spec);
    }

    @Override
    public ExternalEndpoint expose(Workload workload) {
        return tenant().expose(workload);
    }

    @Override
    public Disruption cutOff(Zone zone) {
        return tenant().cutOff(zone);
    }

    @Override
    public Disruption restore(Zone zone) {
        return tenant().restore(zone);
    }

    /** Closing a tenant that was never created has nothing to remove. */
    @Override
    public synchronized void close() {
        closed = true;
        if (tenant != null) {
            tenant.close();
        }
    }
}
