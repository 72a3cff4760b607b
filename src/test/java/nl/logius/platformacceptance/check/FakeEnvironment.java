package nl.logius.platformacceptance.check;

import nl.logius.platformacceptance.platform.Platform;
import nl.logius.platformacceptance.register.Comparison;
import nl.logius.platformacceptance.register.Impact;
import nl.logius.platformacceptance.register.Knelpunt;
import nl.logius.platformacceptance.register.Threshold;
import nl.logius.platformacceptance.register.Unit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The environment of a test run of fixture checks: a fake platform and one knelpunt, KP-FO-01. */
public final class FakeEnvironment implements CheckEnvironment {

    public static final Knelpunt KP_FO_01 = new Knelpunt("KP-FO-01", "failover", "Losing an instance interrupts service",
            "description", List.of("DigiD"), Impact.BLOCKER, "availability >= 99 %, longest outage <= 2 s", List.of(),
            List.of(new Threshold("availability", 99, Unit.PERCENT, Comparison.AT_LEAST, ""),
                    new Threshold("longest-outage", 2, Unit.SECONDS, Comparison.AT_MOST, "")));

    public final FakePlatform platform = new FakePlatform();
    public final Map<String, CheckRecord> records = new ConcurrentHashMap<>();
    private final String runId;
    private final Path evidence;

    public FakeEnvironment(String runId, Path evidence) {
        this.runId = runId;
        this.evidence = evidence;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public Knelpunt knelpunt(String id) {
        if (!id.equals(KP_FO_01.id())) {
            throw new IllegalArgumentException("the fake register has only KP-FO-01");
        }
        return KP_FO_01;
    }

    @Override
    public Path evidenceDirectory() {
        return evidence;
    }

    /** Why disruptive checks may not run; by default they may (the fake platform is nobody's shared cluster). */
    public java.util.Optional<String> disruptiveRefusal = java.util.Optional.empty();

    @Override
    public java.util.Optional<String> disruptiveRefusal() {
        return disruptiveRefusal;
    }

    @Override
    public CheckRecord startCheck(String checkId, String displayName, List<String> knelpunten) {
        CheckRecord record = new CheckRecord(checkId, displayName, knelpunten);
        records.put(checkId, record);
        return record;
    }
}
