package nl.logius.platformacceptance.check;

import nl.logius.platformacceptance.measure.Durations;
import nl.logius.platformacceptance.measure.Timeline;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.ProbeClient.ProberResults;
import nl.logius.platformacceptance.platform.ProbeClient.RequestResult;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.pollinterval.PollInterval;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.awaitility.Awaitility.await;

/**
 * The steady-state gate of a disruptive check, as Chaos Toolkit's steady-state hypothesis: "every request
 * to the service succeeds", judged from a continuous prober's results.
 * <ul>
 *   <li>{@link #verifyBefore()}: before the disruption the hypothesis must hold for
 *       {@link Deadlines#STEADY_STATE_WINDOW}. If it does not, the check cannot measure the disruption's
 *       effect: it is broken ({@link PlatformException}, so its knelpunt becomes INCONCLUSIVE), not failed.</li>
 *   <li>{@link #awaitRestored(String, Instant, Duration)}: after the disruption the hypothesis must hold again,
 *       observed for {@link Deadlines#AFTER_RECOVERY_WINDOW} from the moment of asking. It returns when and
 *       whether it did, and asserts nothing: the check compares the {@link Restoration} with its criterion.</li>
 * </ul>
 *
 * <pre>{@code
 * SteadyState steadyState = SteadyState.of("every request to 'web' succeeds", prober::proberResults, evidence);
 * steadyState.verifyBefore();
 * Instant kill = Instant.now();
 * victim.kill();
 * Restoration back = steadyState.awaitRestored("the kill", kill, criterion.duration("recovery-time"));
 * criterion.check("recovery-time", back.elapsed(), back.describe());
 * }</pre>
 *
 * <p>A request's result arrives only when it ends, so a window counts as observed only up to the moment
 * before which every request has ended (the prober's {@code settledUntil}): a request still hanging cannot
 * hide in it.
 */
public final class SteadyState {

    /** A window with fewer requests than this says nothing about the service. */
    static final int MIN_REQUESTS = 5;
    private static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(1);
    /** Beyond the deadline and the window: the prober's results may lag by up to a request timeout. */
    private static final Duration SLACK = Duration.ofSeconds(5);

    private final String hypothesis;
    private final Function<Instant, ProberResults> observationsSince;
    private final Evidence evidence;

    private SteadyState(String hypothesis, Function<Instant, ProberResults> observationsSince, Evidence evidence) {
        this.hypothesis = hypothesis;
        this.observationsSince = observationsSince;
        this.evidence = evidence;
    }

    /**
     * @param hypothesis        what holds in the steady state, for people: {@code every request to 'web' succeeds}
     * @param observationsSince the prober's results of the requests that started at or after an instant
     */
    public static SteadyState of(String hypothesis, Function<Instant, ProberResults> observationsSince, Evidence evidence) {
        return new SteadyState(hypothesis, observationsSince, evidence);
    }

    /**
     * Waits until the hypothesis has held for {@link Deadlines#STEADY_STATE_WINDOW}, at most
     * {@link Deadlines#STEADY_STATE_DEADLINE}.
     *
     * @return since when it holds
     * @throws PlatformException when it did not: the check is broken, the service was never steady
     */
    public Instant verifyBefore() {
        Instant start = Instant.now();
        Duration window = Deadlines.STEADY_STATE_WINDOW;
        return evidence.step("Steady state before the disruption: " + hypothesis + " for " + Durations.seconds(window), () -> {
            Evaluation evaluation = poll(start, start, window, Deadlines.STEADY_STATE_DEADLINE);
            if (evaluation instanceof Evaluation.Holds holds) {
                return holds.healthyFrom();
            }
            throw new PlatformException("steady state not reached before the disruption (" + hypothesis + " for "
                    + Durations.seconds(window) + ", within " + Durations.seconds(Deadlines.STEADY_STATE_DEADLINE) + " of " + Timeline.timeOfDay(start) + "): "
                    + evaluation.describe() + "; the check cannot measure the disruption's effect");
        });
    }

    /**
     * Waits until the hypothesis holds again: no failed request since some moment, observed for at least
     * {@link Deadlines#AFTER_RECOVERY_WINDOW} from now. Gives up once that moment can no longer fall within
     * {@code deadline} of {@code since}.
     *
     * @param event what the restoration is counted from, for people: {@code the kill}, {@code the zone's return}
     * @param since when that was
     */
    public Restoration awaitRestored(String event, Instant since, Duration deadline) {
        Instant asked = Instant.now();
        Duration window = Deadlines.AFTER_RECOVERY_WINDOW;
        return evidence.step("Steady state after the disruption: " + hypothesis + " again (observed for "
                + Durations.seconds(window) + ", within " + Durations.seconds(deadline) + " of " + event + ")", () -> {
            Evaluation evaluation = poll(since, asked, window, deadline);
            Restoration restoration = new Restoration(hypothesis, event, since, deadline, evaluation, Instant.now());
            evidence.note(restoration.describe());
            return restoration;
        });
    }

    private Evaluation poll(Instant since, Instant observeFrom, Duration window, Duration deadline) {
        Instant deadlineAt = since.plus(deadline);
        // By then even a restoration at the last allowed moment would have been observed for its window.
        Instant giveUpAt = deadlineAt.isAfter(observeFrom) ? deadlineAt : observeFrom;
        Duration atMost = Duration.between(Instant.now(), giveUpAt).plus(window).plus(SLACK);
        AtomicReference<Evaluation> last = new AtomicReference<>(new Evaluation.Pending("no requests observed yet", window));
        // Ask again when the answer can have changed (the rest of the window), not on a fixed beat.
        PollInterval untilDecidable = (pollCount, previous) -> {
            Duration toGo = last.get() instanceof Evaluation.Pending pending ? pending.toGo() : MIN_POLL_INTERVAL;
            return toGo.compareTo(MIN_POLL_INTERVAL) < 0 ? MIN_POLL_INTERVAL
                    : toGo.compareTo(MAX_POLL_INTERVAL) > 0 ? MAX_POLL_INTERVAL : toGo;
        };
        try {
            await(hypothesis).atMost(atMost)
                    .pollDelay(Duration.ZERO).pollInterval(untilDecidable)
                    .until(() -> {
                        ProberResults observed = observationsSince.apply(since);
                        Evaluation evaluation = evaluate(observed.results(), since, observeFrom, window, deadlineAt,
                                Timeline.instant(observed.settledUntilMicros()));
                        last.set(evaluation);
                        return !(evaluation instanceof Evaluation.Pending);
                    });
        } catch (ConditionTimeoutException e) {
            return new Evaluation.NotRestored(null, "not observed to hold for " + Durations.seconds(window)
                    + " within the time allowed: " + last.get().describe());
        }
        return last.get();
    }

    /**
     * Judges the results of the requests that started at or after {@code since} (in order of start):
     * whether the hypothesis held, without a failure, from some moment for {@code window}, observed from
     * {@code observeFrom} on, up to {@code settled} (before which every request has ended).
     */
    static Evaluation evaluate(List<RequestResult> results, Instant since, Instant observeFrom, Duration window,
                               Instant deadlineAt, Instant settled) {
        RequestResult lastFailure = null;
        for (RequestResult result : results) {
            if (!result.ok()) {
                lastFailure = result;
            }
        }
        if (lastFailure != null && Timeline.instant(lastFailure.t()).isAfter(deadlineAt)) {
            return new Evaluation.NotRestored(lastFailure, "a request still failed at +"
                    + Durations.seconds(Duration.between(since, Timeline.instant(lastFailure.t()))) + " (" + lastFailure.error() + ")");
        }
        Instant healthyFrom = lastFailure == null ? since : null;
        if (lastFailure != null) {
            long after = lastFailure.t();
            healthyFrom = results.stream().filter(r -> r.t() > after).findFirst().map(r -> Timeline.instant(r.t())).orElse(null);
        }
        if (healthyFrom == null) {
            return new Evaluation.Pending("the last request failed (" + lastFailure.error() + ")", window);
        }
        Instant from = healthyFrom.isAfter(observeFrom) ? healthyFrom : observeFrom;
        long fromMicros = Timeline.micros(from);
        long settledMicros = Timeline.micros(settled);
        long observed = results.stream().filter(r -> r.t() >= fromMicros && r.t() <= settledMicros).count();
        Duration held = Duration.between(from, settled);
        if (!held.minus(window).isNegative() && observed >= MIN_REQUESTS) {
            return new Evaluation.Holds(healthyFrom, observed);
        }
        Duration heldSoFar = held.isNegative() ? Duration.ZERO : held;
        return new Evaluation.Pending(observed + " requests succeeded over " + Durations.seconds(heldSoFar)
                + (lastFailure == null ? "" : ", since the last failure (" + lastFailure.error() + ")"), window.minus(heldSoFar));
    }

    /** What the prober's results say about the hypothesis at one moment. */
    public sealed interface Evaluation {
        String describe();

        /** It holds, without a failure since {@code healthyFrom}. */
        record Holds(Instant healthyFrom, long requests) implements Evaluation {
            public String describe() {
                return "holds since " + healthyFrom + " (" + requests + " requests observed)";
            }
        }

        /** Not yet known; {@code toGo} at least until it can be. */
        record Pending(String why, Duration toGo) implements Evaluation {
            public String describe() {
                return why;
            }
        }

        /** It did not hold again in time; {@code lastFailure} is the last request seen failing, if any. */
        record NotRestored(RequestResult lastFailure, String why) implements Evaluation {
            public String describe() {
                return why;
            }
        }
    }

    /**
     * Whether and when the steady state came back after a disruption.
     *
     * @param event      what the restoration is counted from, e.g. {@code the disruption}
     * @param disruption when that was
     * @param deadline   how soon after it the steady state had to come back
     * @param decidedAt  when the gate stopped watching
     */
    public record Restoration(String hypothesis, String event, Instant disruption, Duration deadline,
                              Evaluation evaluation, Instant decidedAt) {

        public boolean restored() {
            return evaluation instanceof Evaluation.Holds;
        }

        /** Since when the hypothesis holds again, when it does. */
        public Optional<Instant> healthyFrom() {
            return evaluation instanceof Evaluation.Holds holds ? Optional.of(holds.healthyFrom()) : Optional.empty();
        }

        /** The start of the last request seen failing, when it did not come back in time. */
        public Optional<Instant> lastFailure() {
            return evaluation instanceof Evaluation.NotRestored notRestored && notRestored.lastFailure() != null
                    ? Optional.of(Timeline.instant(notRestored.lastFailure().t())) : Optional.empty();
        }

        /**
         * From the disruption until the hypothesis held again. When it did not: until the last failure seen
         * beyond the deadline, or until the gate gave up; a lower bound, beyond the deadline either way.
         */
        public Duration elapsed() {
            Instant end = healthyFrom().or(this::lastFailure).orElse(decidedAt);
            Duration elapsed = Duration.between(disruption, end);
            return elapsed.isNegative() ? Duration.ZERO : elapsed;
        }

        /**
         * Until both held: the hypothesis again and another condition of recovery that held {@code other} after
         * the same moment (e.g. every instance ready again). Beyond the deadline, as {@link #elapsed()}.
         */
        public Duration elapsedTogetherWith(Duration other) {
            return restored() && elapsed().compareTo(other) < 0 ? other : elapsed();
        }

        public String describe() {
            return restored()
                    ? hypothesis + " again from " + Timeline.timeOfDay(healthyFrom().orElseThrow()) + ", " + Durations.seconds(elapsed())
                            + " after " + event + " at " + Timeline.timeOfDay(disruption)
                    : "not steady again within " + Durations.seconds(deadline) + " of " + event + " at " + Timeline.timeOfDay(disruption)
                            + ": " + evaluation.describe();
        }
    }

}
