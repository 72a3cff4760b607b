package nl.logius.platformacceptance.check;

import nl.logius.platformacceptance.measure.DisruptionImpact;
import nl.logius.platformacceptance.measure.Timeline;
import nl.logius.platformacceptance.platform.Disruption;

import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The one shape of a failover check, as a chaos experiment: with traffic running, the steady state is
 * verified, the service is disrupted, the check waits for its recovery in its own terms, the traffic stops,
 * and the disruption's impact (availability, longest outage, RTO) is measured from the instant the
 * disruption took effect. The check then judges the {@link Outcome} against its criterion.
 *
 * <pre>{@code
 * Outcome<Duration> outcome = DisruptionExperiment.run(traffic, "every request to 'web' succeeds",
 *         () -> evidence.disrupt("Delete " + victim.name(), victim::delete),
 *         (deleted, steadyState) -> web.awaitReady(3, deleted.at(), deadline));
 * criterion.check("availability", outcome.impact().availabilityPercent(), outcome.impact().availabilityText());
 * }</pre>
 */
public final class DisruptionExperiment {

    private DisruptionExperiment() {
    }

    /**
     * @param traffic    the client's traffic to the disrupted service, already started
     * @param hypothesis what holds in the steady state, for people: {@code every request to 'web' succeeds}
     * @param disrupt    causes the disruption (as an evidence step) and returns it
     * @param recover    waits for the recovery the criterion judges, counting from the disruption, and returns
     *                   what it saw; it asserts nothing
     * @throws nl.logius.platformacceptance.platform.PlatformException when the steady state never held before
     *                   the disruption: the check is broken, it measured nothing
     */
    public static <R> Outcome<R> run(ServiceTraffic traffic, String hypothesis, Supplier<Disruption> disrupt,
                                     BiFunction<Disruption, SteadyState, R> recover) {
        SteadyState steadyState = traffic.steadyState(hypothesis);
        Disruption disruption;
        R recovery;
        Timeline timeline;
        try {
            steadyState.verifyBefore();
            disruption = disrupt.get();
            recovery = recover.apply(disruption, steadyState);
        } finally {
            timeline = traffic.stop();
        }
        DisruptionImpact impact = DisruptionImpact.of(timeline, disruption.label(), disruption.at(),
                timeline.end().orElse(disruption.at()));
        return new Outcome<>(disruption, recovery, timeline, impact);
    }

    /**
     * What a disruption experiment saw.
     *
     * @param disruption what was done, when and how
     * @param recovery   what the check's recovery step returned
     * @param timeline   every request of the traffic, before, during and after
     * @param impact     availability, longest outage and RTO, counted from the disruption
     */
    public record Outcome<R>(Disruption disruption, R recovery, Timeline timeline, DisruptionImpact impact) {
    }
}
