package nl.logius.platformacceptance.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who owns a platform resource: the run and the check that created it, and the process of the run (so that
 * a sweep can tell a killed run's leftovers from a live run's resources). Drivers put these labels on every
 * resource they create.
 *
 * @param runId   the run, e.g. {@code 20261129T141605Z-3f9a}
 * @param checkId the check, e.g. {@code InstanceLossCheck.service_survives_the_loss_of_one_instance}
 * @param process the run's process, {@code host/pid/start-epoch-ms}
 */
public record Ownership(String runId, String checkId, String process) {

    public static final String RUN_LABEL = "platform-acceptance.run";
    public static final String CHECK_LABEL = "platform-acceptance.check";
    public static final String PROCESS_LABEL = "platform-acceptance.process";

    /** Ownership by this JVM's process. */
    public static Ownership of(String runId, String checkId) {
        return new Ownership(runId, checkId, RunProcess.current().id());
    }

    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(RUN_LABEL, runId);
        labels.put(CHECK_LABEL, checkId);
        labels.put(PROCESS_LABEL, process);
        return labels;
    }
}
