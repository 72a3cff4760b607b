package nl.logius.platformacceptance.run.verifiesfixtures;

import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.Verifies;

/** A fixture check whose {@code @Verifies} names a knelpunt that no register has: validation must refuse it. */
public final class UnknownKnelpuntFixture {

    private UnknownKnelpuntFixture() {
    }

    @Verifies("KP-XX-99")
    public static class VerifiesAnUnknownKnelpunt {
        @PlatformCheck
        void would_measure_something(Criterion criterion) {
            criterion.check("availability", 100, "");
        }
    }
}
