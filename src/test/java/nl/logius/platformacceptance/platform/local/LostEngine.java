package nl.logius.platformacceptance.platform.local;

import nl.logius.platformacceptance.platform.Ownership;
import nl.logius.platformacceptance.platform.PlatformException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A child JVM's view of a local platform whose engine is not there ({@code DOCKER_HOST} names a socket that
 * does not exist): it tries to create a tenant and prints what failed and what the platform's
 * {@code unreachableSince} says, for {@link LocalPlatformContractIT}.
 */
final class LostEngine {

    static final String FAILED = "operation failed: ";
    static final String REPORTED = "unreachable since: ";

    private LostEngine() {
    }

    public static void main(String[] args) {
        LocalPlatform platform = new LocalPlatform(List.of("zone-a", "zone-b"), Set.of());
        Instant since = Instant.now();
        try {
            platform.createTenant(Ownership.of("contract-lost", "LostEngine", Instant.now().plus(Duration.ofMinutes(5))), "lost");
            System.out.println("operation succeeded");
        } catch (PlatformException e) {
            System.out.println(FAILED + e.getMessage());
        }
        platform.unreachableSince(since).ifPresent(seen -> System.out.println(REPORTED + seen));
        System.exit(0);
    }
}
