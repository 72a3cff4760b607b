package nl.logius.platformacceptance.verdict;

import nl.logius.platformacceptance.check.Measurement;

import java.util.List;

/**
 * How one check ended in one run, with what it measured.
 *
 * @param id           {@code InstanceLossCheck.service_survives_the_loss_of_one_instance}
 * @param area         the area of its package
 * @param knelpunten   the knelpunten it verifies
 * @param status       passed, failed, broken or skipped
 * @param durationMs   how long it ran
 * @param measurements every measurement it recorded, passed or not
 * @param message      why it failed, broke or was skipped; empty when it passed
 * @param evidence     its evidence files, relative to the run folder
 * @param attempts     how often it ran: 1, more when a broken check was retried ({@code --retry-broken})
 * @param flaky        it passed only on a retry: its knelpunt is INCONCLUSIVE, never RESOLVED
 */
public record CheckOutcome(String id, String area, List<String> knelpunten, CheckStatus status, long durationMs,
                           List<MeasurementView> measurements, String message, List<String> evidence,
                           int attempts, boolean flaky) {

    public CheckOutcome {
        knelpunten = List.copyOf(knelpunten);
        measurements = List.copyOf(measurements);
        evidence = List.copyOf(evidence);
    }

    /** An outcome of one attempt. */
    public CheckOutcome(String id, String area, List<String> knelpunten, CheckStatus status, long durationMs,
                        List<MeasurementView> measurements, String message, List<String> evidence) {
        this(id, area, knelpunten, status, durationMs, measurements, message, evidence, 1, false);
    }

    /**
     * A measurement as verdicts.json shows it; an observation has no threshold and no comparator.
     */
    public record MeasurementView(String knelpunt, String name, double value, String unit, Double threshold,
                                  String comparator, boolean passed, String detail) {
        public static MeasurementView of(Measurement m) {
            return new MeasurementView(m.knelpunt(), m.name(), m.value(), m.unit().symbol(),
                    m.isObservation() ? null : m.threshold(), m.isObservation() ? null : m.comparison().symbol(),
                    m.passed(), m.detail());
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isObservation() {
            return comparator == null;
        }
    }
}
