package nl.logius.platformacceptance.check;

import nl.logius.platformacceptance.platform.Platform;
import nl.logius.platformacceptance.register.Knelpunt;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a run gives its checks: the platform, the register (with the target's overrides), where evidence
 * goes, and a record per check. The runner registers one per run under its run id; the
 * {@link PlatformCheckExtension} finds it through the JUnit configuration parameter {@value #RUN_ID_PARAMETER}.
 */
public interface CheckEnvironment {

    String RUN_ID_PARAMETER = "platform-acceptance.run-id";

    /** Which attempt at the selected checks this is: 1, or 2 and up when broken checks are retried. */
    String ATTEMPT_PARAMETER = "platform-acceptance.attempt";

    String runId();

    /** The platform; asking for it may throw {@link nl.logius.platformacceptance.platform.PlatformUnavailableException}. */
    Platform platform();

    /** The knelpunt with the target's threshold overrides applied. */
    Knelpunt knelpunt(String id);

    /** The folder under which each check writes its raw evidence. */
    Path evidenceDirectory();

    /** The command that re-runs exactly the checks of a knelpunt against the same target, for the report. */
    default java.util.Optional<String> replayCommand(String knelpuntId) {
        return java.util.Optional.empty();
    }

    /** The run's deadline; checks past it are skipped or stopped ({@link RunDeadlineExtension}). */
    default RunDeadline deadline() {
        return RunDeadline.NONE;
    }

    /**
     * Why disruptive checks may not run on this target, or empty when the operator consented (the profile's
     * {@code disruptive: allowed}; the local reference platform unless its profile forbids them).
     */
    java.util.Optional<String> disruptiveRefusal();

    /**
     * Why this check cannot run on the target: a capability its code needs was found missing at the start of the run
     * (as {@code preflight} reports it). Empty when nothing it needs is missing.
     */
    default java.util.Optional<String> missingCapability(String checkId) {
        return java.util.Optional.empty();
    }

    /** Starts the record of a check; called once per check execution. */
    CheckRecord startCheck(String checkId, String displayName, List<String> knelpunten);

    /** The environments of the runs in this process, by run id. */
    final class Registry {
        private static final Map<String, CheckEnvironment> ENVIRONMENTS = new ConcurrentHashMap<>();

        private Registry() {
        }

        public static void register(CheckEnvironment environment) {
            ENVIRONMENTS.put(environment.runId(), environment);
        }

        public static void unregister(String runId) {
            ENVIRONMENTS.remove(runId);
        }

        public static CheckEnvironment get(String runId) {
            CheckEnvironment environment = ENVIRONMENTS.get(runId);
            if (environment == null) {
                throw new IllegalStateException("no run " + runId + " in this process; checks run only through the"
                        + " harness (./platform-acceptance run), which sets " + RUN_ID_PARAMETER);
            }
            return environment;
        }
    }
}
