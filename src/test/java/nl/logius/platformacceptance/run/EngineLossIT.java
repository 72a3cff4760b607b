package nl.logius.platformacceptance.run;

import nl.logius.platformacceptance.runfolder.RunFolder;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform goes away under a run, and the run says so: its affected checks broken, their knelpunten
 * INCONCLUSIVE, exit 3, within a bounded time, never RESOLVED or FAILING and never a hang. The shared engine
 * is never stopped: each child run talks to it through an {@link EngineProxy} that the test cuts or silences.
 *
 * <p>The four runs start together (they are independent) and each test checks one of them.
 */
class EngineLossIT {

    /** However the engine goes, a run ends within this after it went (the run's clean-up included). */
    private static final Duration ENDS_WITHIN = Duration.ofSeconds(90);

    @TempDir
    static Path out;
    private static CompletableFuture<Ended> noEngine;
    private static CompletableFuture<Ended> cutMidCheck;
    private static CompletableFuture<Ended> silentMidDisruption;
    private static CompletableFuture<Ended> pastTheDeadline;

    /** How a child run ended: its exit code, how long after the engine went, its log. */
    record Ended(HarnessProcess run, int exitCode, Duration afterTheEngineWent, String release, List<String> leftovers) {
        Ended {
            System.out.printf("EngineLossIT %-10s exit %d, %5.1f s after the engine went; left behind: %d%n", release, exitCode,
                    afterTheEngineWent.toMillis() / 1000d, leftovers.size());
        }

        JsonNode knelpunt(String id) {
            JsonNode knelpunt = run.knelpunt(release, id);
            System.out.printf("EngineLossIT %-10s %s %s: %s%n", release, id, knelpunt.get("verdict").asText(),
                    knelpunt.at("/checks/0/message").asText());
            return knelpunt;
        }
    }

    @BeforeAll
    static void startFourRunsWhoseEngineGoesAway() {
        noEngine = CompletableFuture.supplyAsync(EngineLossIT::runWithoutAnEngine);
        cutMidCheck = CompletableFuture.supplyAsync(EngineLossIT::runWhoseEngineIsCutMidCheck);
        silentMidDisruption = CompletableFuture.supplyAsync(EngineLossIT::runWhoseEngineFallsSilentMidDisruption);
        pastTheDeadline = CompletableFuture.supplyAsync(EngineLossIT::runPastItsDeadline);
    }

    @AfterAll
    static void waitForAll() {
        CompletableFuture.allOf(noEngine, cutMidCheck, silentMidDisruption, pastTheDeadline).exceptionally(e -> null).join();
    }

    @Test
    void without_an_engine_every_check_breaks_at_once_and_the_run_exits_3() {
        Ended ended = noEngine.join();

        assertThat(ended.exitCode()).as(ended.run().log()).isEqualTo(3);
        assertThat(ended.afterTheEngineWent()).as("the whole run, JVM start included").isLessThan(Duration.ofSeconds(60));
        assertThat(ended.run().log()).contains("platform unreachable");
        for (String id : List.of("KP-NET-01", "KP-FO-01")) {
            JsonNode knelpunt = ended.knelpunt(id);
            assertThat(knelpunt.get("verdict").asText()).as(id).isEqualTo("INCONCLUSIVE");
            assertThat(knelpunt.at("/checks/0/status").asText()).as(id).isEqualTo("broken");
            assertThat(knelpunt.at("/checks/0/message").asText()).as(id).contains("Docker engine");
        }
        assertComplete(ended);
    }

    @Test
    void an_engine_cut_off_in_the_middle_of_a_check_breaks_it_and_the_run_exits_3() {
        Ended ended = cutMidCheck.join();

        assertThat(ended.exitCode()).as(ended.run().log()).isEqualTo(3);
        assertThat(ended.afterTheEngineWent()).isLessThan(ENDS_WITHIN);
        JsonNode knelpunt = ended.knelpunt("KP-NET-01");
        assertThat(knelpunt.get("verdict").asText()).isEqualTo("INCONCLUSIVE");
        assertThat(knelpunt.at("/checks/0/status").asText()).isEqualTo("broken");
        assertThat(knelpunt.at("/checks/0/message").asText()).contains("Docker engine");
        assertThat(ended.run().log()).contains("the next run's sweep removes what is left");
        assertThat(ended.leftovers()).as("what the cut-off run could not remove (the test removed it)").isNotEmpty();
        assertComplete(ended);
    }

    @Test
    void an_engine_that_falls_silent_while_an_instance_is_down_breaks_the_check_it_never_fails_it() {
        Ended ended = silentMidDisruption.join();

        assertThat(ended.exitCode()).as(ended.run().log()).isEqualTo(3);
        assertThat(ended.afterTheEngineWent()).isLessThan(ENDS_WITHIN);
        JsonNode knelpunt = ended.knelpunt("KP-FO-01");
        assertThat(knelpunt.get("verdict").asText()).as("recovery seen through a silent engine is no measurement")
                .isEqualTo("INCONCLUSIVE");
        assertThat(knelpunt.at("/checks/0/status").asText()).isEqualTo("broken");
        assertThat(knelpunt.at("/checks/0/message").asText()).contains("Docker engine");
        assertComplete(ended);
    }

    @Test
    void a_run_that_outlives_its_deadline_stops_its_check_writes_its_folder_and_exits_3() {
        Ended ended = pastTheDeadline.join();

        assertThat(ended.exitCode()).as(ended.run().log()).isEqualTo(3);
        assertThat(ended.afterTheEngineWent()).as("after the 6 s deadline").isLessThan(ENDS_WITHIN);
        JsonNode knelpunt = ended.knelpunt("KP-FO-01");
        assertThat(knelpunt.get("verdict").asText()).isEqualTo("INCONCLUSIVE");
        assertThat(knelpunt.at("/checks/0/status").asText()).isIn("broken", "skipped");
        assertThat(knelpunt.at("/checks/0/message").asText()).contains("run deadline of 6s passed");
        assertThat(ended.run().log()).contains("the run deadline of 6s passed");
        assertThat(ended.leftovers()).as("a check stopped at the deadline is cleaned up like any other").isEmpty();
        assertComplete(ended);
    }

    private static Ended runWithoutAnEngine() {
        Instant start = Instant.now();
        HarnessProcess run = HarnessProcess.run(out, "--release", "no-engine", "--knelpunt", "KP-NET-01,KP-FO-01")
                .withEnvironment("DOCKER_HOST", "unix://" + out.resolve("no-engine-here.sock"))
                .start();
        int exit = run.awaitExit(ENDS_WITHIN);
        return new Ended(run, exit, Duration.between(start, Instant.now()), "no-engine", List.of());
    }

    private static Ended runWhoseEngineIsCutMidCheck() {
        try (EngineProxy proxy = EngineProxy.start(out.resolve("cut.sock"))) {
            HarnessProcess run = HarnessProcess.run(out, "--release", "cut", "--knelpunt", "KP-NET-01")
                    .withEnvironment("DOCKER_HOST", proxy.dockerHost())
                    .start();
            EngineResources resources = new EngineResources(run.processLabel());
            await("the check's workloads").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> resources.containers().size() >= 2 || !run.isAlive());
            assertThat(run.isAlive()).as("the run ended before its engine could be cut:\n%s", run.log()).isTrue();
            proxy.cut();
            Instant cut = Instant.now();
            int exit = run.awaitExit(ENDS_WITHIN.plusSeconds(30));
            Duration after = Duration.between(cut, Instant.now());
            List<String> leftovers = resources.all();
            resources.removeAll();
            return new Ended(run, exit, after, "cut", leftovers);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Ended runWhoseEngineFallsSilentMidDisruption() {
        try (EngineProxy proxy = EngineProxy.start(out.resolve("silent.sock"))) {
            HarnessProcess run = HarnessProcess.run(out, "--release", "silent", "--knelpunt", "KP-FO-01")
                    .withEnvironment("DOCKER_HOST", proxy.dockerHost())
                    .start();
            EngineResources resources = new EngineResources(run.processLabel());
            Instant silenced;
            try (EngineResources.Watch killed = resources.watchContainers(event -> "die".equals(event.getAction()))) {
                killed.first().get(180, TimeUnit.SECONDS);
                proxy.silence();
                silenced = Instant.now();
            } catch (Exception e) {
                run.kill();
                resources.removeAll();
                throw new AssertionError("the check never killed its instance:\n" + run.log(), e);
            }
            int exit = run.awaitExit(ENDS_WITHIN.plusSeconds(30));
            Duration after = Duration.between(silenced, Instant.now());
            List<String> leftovers = resources.all();
            resources.removeAll();
            return new Ended(run, exit, after, "silent", leftovers);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Ended runPastItsDeadline() {
        HarnessProcess run = HarnessProcess.run(out, "--release", "deadline", "--knelpunt", "KP-FO-01",
                        "--target", "src/test/resources/targets/local-with-a-6s-run-deadline.yaml")
                .start();
        Instant start = Instant.now();
        int exit = run.awaitExit(ENDS_WITHIN.plusSeconds(30));
        Duration afterDeadline = Duration.between(start.plusSeconds(6), Instant.now());
        EngineResources resources = new EngineResources(run.processLabel());
        List<String> leftovers = resources.all();
        resources.removeAll();
        return new Ended(run, exit, afterDeadline, "deadline", leftovers);
    }

    private static void assertComplete(Ended ended) {
        Path folder = ended.run().runFolder(ended.release());
        assertThat(folder.resolve("verdicts.json")).exists();
        assertThat(folder.resolve(RunFolder.INCOMPLETE_MARKER)).as("a run that lost its engine still finishes its folder")
                .doesNotExist();
    }
}
