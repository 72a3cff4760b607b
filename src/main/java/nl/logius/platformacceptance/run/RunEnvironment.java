package nl.logius.platformacceptance.run;

import nl.logius.platformacceptance.check.CheckEnvironment;
import nl.logius.platformacceptance.check.CheckRecord;
import nl.logius.platformacceptance.check.RunDeadline;
import nl.logius.platformacceptance.platform.Platform;
import nl.logius.platformacceptance.register.Knelpunt;
import nl.logius.platformacceptance.register.Register;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The {@link CheckEnvironment} of one run: its platform, its register with the target's overrides, its folder. */
final class RunEnvironment implements CheckEnvironment {

    private final String runId;
    private final Platform platform;
    private final Register register;
    private final Path evidenceDirectory;
    private final Function<String, String> replay;
    private final RunDeadline deadline;
    private final Optional<String> disruptiveRefusal;
    /** Why a check cannot run, by check id, from the capabilities found missing at the start; filled once, before any check. */
    private final Map<String, String> missingCapabilities = new ConcurrentHashMap<>();
    private final Map<String, CheckRecord> records = new ConcurrentHashMap<>();

    RunEnvironment(String runId, Platform platform, Register register, Path evidenceDirectory, Function<String, String> replay) {
        this(runId, platform, register, evidenceDirectory, replay, RunDeadline.NONE, Optional.empty());
    }

    RunEnvironment(String runId, Platform platform, Register register, Path evidenceDirectory, Function<String, String> replay,
                   RunDeadline deadline, Optional<String> disruptiveRefusal) {
        this.disruptiveRefusal = disruptiveRefusal;
        this.runId = runId;
        this.platform = platform;
        this.register = register;
        this.evidenceDirectory = evidenceDirectory;
        this.replay = replay;
        this.deadline = deadline;
    }

    @Override
    public Optional<String> replayCommand(String knelpuntId) {
        return Optional.ofNullable(replay.apply(knelpuntId));
    }

    @Override
    public RunDeadline deadline() {
        return deadline;
    }

    @Override
    public Optional<String> disruptiveRefusal() {
        return disruptiveRefusal;
    }

    void capabilitiesMissing(Map<String, String> reasonByCheck) {
        missingCapabilities.putAll(reasonByCheck);
    }

    @Override
    public Optional<String> missingCapability(String checkId) {
        return Optional.ofNullable(missingCapabilities.get(checkId));
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
        return register.get(id);
    }

    @Override
    public Path evidenceDirectory() {
        return evidenceDirectory;
    }

    @Override
    public CheckRecord startCheck(String checkId, String displayName, List<String> knelpunten) {
        CheckRecord record = new CheckRecord(checkId, displayName, knelpunten);
        records.put(checkId, record);
        return record;
    }

    Optional<CheckRecord> record(String checkId) {
        return Optional.ofNullable(records.get(checkId));
    }
}
