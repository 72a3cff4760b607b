package nl.logius.platformacceptance.check;

import nl.logius.platformacceptance.platform.Ownership;
import nl.logius.platformacceptance.platform.Platform;
import nl.logius.platformacceptance.platform.Tenant;

import java.util.ArrayList;
import java.util.List;

/**
 * The tenants of one check: a check that needs more than one (tenant isolation) creates them here; all are
 * removed when the check ends.
 */
public final class Tenants implements AutoCloseable {

    private final Platform platform;
    private final Ownership owner;
    private final List<Tenant> created = new ArrayList<>();

    Tenants(Platform platform, Ownership owner) {
        this.platform = platform;
        this.owner = owner;
    }

    /** A new tenant; {@code name} is a short DNS label, e.g. {@code tenant-a}. */
    public synchronized Tenant create(String name) {
        Tenant tenant = platform.createTenant(owner, name);
        created.add(tenant);
        return tenant;
    }

    /** A tenant that is created on its first use (the check's own tenant parameter). */
    synchronized Tenant createLazily(String name) {
        Tenant tenant = new LazyTenant(name, () -> platform.createTenant(owner, name));
        created.add(tenant);
        return tenant;
    }

    /** Removes every tenant of the check, and then anything else still labelled with it. */
    @Override
    public synchronized void close() {
        RuntimeException first = null;
        for (Tenant tenant : created) {
            try {
                tenant.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        created.clear();
        if (first != null) {
            throw first;
        }
    }

    Ownership owner() {
        return owner;
    }
}
