package nl.logius.platformacceptance.run;

import nl.logius.platformacceptance.platform.RunProcess;
import nl.logius.platformacceptance.runfolder.RunFolder;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Image;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs killed with SIGKILL at three moments — while the probe image is built, while a check deploys, while a
 * check has an instance down (its disruption) — leave folders that say they are incomplete, and the next run's
 * sweep removes every container, network, volume and build folder they left. A run stopped with SIGTERM
 * (Ctrl-C) cleans up after itself. The four runs go side by side; then one next run sweeps.
 *
 * <p>The image build is a variant of the probe image of this test's own ({@code platform-acceptance.probe-image-variant}),
 * so that killing it disturbs no one else's runs; the test removes it afterwards.
 */
class KilledRunIT {

    private static final String VARIANT = "killed-build-" + ProcessHandle.current().pid();

    @TempDir
    static Path out;
    private static Killed inBuild;
    private static Killed inCheck;
    private static Killed inDisruption;
    private static Killed terminated;
    private static HarnessProcess next;
    private static int nextExit;

    /** A run killed at one moment, and what it had on the engine right after. */
    record Killed(HarnessProcess run, String release, List<String> leftovers) {
    }

    @BeforeAll
    static void killThreeRunsThenRunTheNext() {
        CompletableFuture<Killed> build = CompletableFuture.supplyAsync(KilledRunIT::killDuringTheImageBuild);
        CompletableFuture<Killed> check = CompletableFuture.supplyAsync(KilledRunIT::killDuringACheck);
        CompletableFuture<Killed> disruption = CompletableFuture.supplyAsync(KilledRunIT::killDuringADisruption);
        CompletableFuture<Killed> stopped = CompletableFuture.supplyAsync(KilledRunIT::terminateDuringACheck);
        inBuild = build.join();
        inCheck = check.join();
        inDisruption = disruption.join();
        terminated = stopped.join();
        next = HarnessProcess.run(out, "--release", "next", "--knelpunt", "KP-NET-01").start();
        nextExit = next.awaitExit(Duration.ofMinutes(3));
    }

    @AfterAll
    static void removeTheVariantImage() {
        DockerClient docker = DockerClientFactory.instance().client();
        // The variant's label is in the image's configuration (ProbeImages.VARIANT_LABEL).
        List<Image> images = docker.listImagesCmd().withShowAll(true)
                .withLabelFilter(java.util.Map.of("platform-acceptance.image-variant", VARIANT)).exec();
        for (Image image : images) {
            try {
                docker.removeImageCmd(image.getId()).withForce(true).exec();
            } catch (RuntimeException ignored) {
                // removed with its child already
            }
        }
    }

    @Test
    void a_killed_run_folder_is_marked_incomplete_and_has_no_verdicts() throws IOException {
        for (Killed killed : List.of(inBuild, inCheck, inDisruption)) {
            Path folder = killed.run().runFolder(killed.release());
            assertThat(folder.resolve(RunFolder.INCOMPLETE_MARKER)).as(killed.release()).exists();
            assertThat(Files.readString(folder.resolve(RunFolder.INCOMPLETE_MARKER))).as("names the run's (dead) process")
                    .contains(RunProcess.parse(killed.run().processLabel()).orElseThrow().id());
            assertThat(folder.resolve("verdicts.json")).as(killed.release()).doesNotExist();
            assertThat(folder.resolve("knelpunten.md")).as(killed.release()).doesNotExist();
        }
    }

    @Test
    void the_next_run_sweeps_everything_the_killed_runs_left_on_the_engine() {
        assertThat(nextExit).as("exit code of the next run\n%s", next.log()).isZero();
        assertThat(inCheck.leftovers()).as("a run killed during its check leaves resources").isNotEmpty();
        assertThat(inDisruption.leftovers()).as("a run killed during a disruption leaves resources").isNotEmpty();
        assertThat(next.log()).containsPattern("removed \\d+ resource\\(s\\) left behind by killed runs");
        for (Killed killed : List.of(inBuild, inCheck, inDisruption, terminated)) {
            assertThat(new EngineResources(killed.run().processLabel()).all()).as("left by the run killed %s", killed.release())
                    .isEmpty();
        }
        assertThat(next.runFolder("next").resolve(RunFolder.INCOMPLETE_MARKER)).doesNotExist();
    }

    @Test
    void a_run_stopped_with_sigterm_removes_its_own_resources_and_says_it_was_stopped() throws IOException {
        assertThat(terminated.leftovers()).as("right after it exited, before any other run").isEmpty();
        Path folder = terminated.run().runFolder(terminated.release());
        assertThat(Files.readString(folder.resolve(RunFolder.INCOMPLETE_MARKER))).contains("stopped by a signal");
        assertThat(folder.resolve("verdicts.json")).doesNotExist();
        assertThat(terminated.run().log()).contains("removed the resources of the stopped run");
    }

    @Test
    void a_run_killed_while_building_the_probe_image_leaves_no_tag_and_its_build_folder_is_swept() throws IOException {
        DockerClient docker = DockerClientFactory.instance().client();
        assertThat(docker.listImagesCmd().withImageNameFilter("localhost/platform-acceptance/probe").exec())
                .flatExtracting(image -> image.getRepoTags() == null ? List.of() : List.of(image.getRepoTags()))
                .as("a build cut off is never tagged: no later run mistakes it for a whole image")
                .noneMatch(tag -> String.valueOf(tag).endsWith("-" + VARIANT));
        try (Stream<Path> temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(temp.map(p -> p.getFileName().toString()))
                    .as("the killed build's folder (its copy of the Java runtime)")
                    .noneMatch(name -> name.startsWith("platform-acceptance-probe-build-pid" + inBuild.run().pid() + "-"));
        }
    }

    /** The harness as a process of its own, as the launcher starts it: {@code run --out OUT ARGUMENTS...}. */
    static Process harness(Path out, String... arguments) {
        return HarnessProcess.run(out, arguments).start().process();
    }

    private static Killed killDuringTheImageBuild() {
        HarnessProcess run = HarnessProcess.run(out, "--release", "killed-in-build", "--knelpunt", "KP-NET-01")
                .withSystemProperty("platform-acceptance.probe-image-variant", VARIANT)
                .start();
        // The build folder appears when the build starts (jlink, then Jib, then the engine's load): the copy of the
        // probe's runtime and the tag are still to come.
        String buildFolder = "platform-acceptance-probe-build-pid" + run.pid() + "-";
        await("the run to be building the probe image").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> !run.isAlive() || buildFolderExists(buildFolder));
        assertThat(run.isAlive()).as("the run ended before it could be killed:\n%s", run.log()).isTrue();
        run.kill();
        return new Killed(run, "killed-in-build", new EngineResources(run.processLabel()).all());
    }

    private static boolean buildFolderExists(String prefix) throws IOException {
        try (Stream<Path> temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return temp.anyMatch(path -> path.getFileName().toString().startsWith(prefix));
        }
    }

    private static Killed killDuringACheck() {
        HarnessProcess run = HarnessProcess.run(out, "--release", "killed-in-check", "--knelpunt", "KP-FO-01").start();
        EngineResources resources = new EngineResources(run.processLabel());
        await("the check to deploy its instances").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> resources.containers().size() >= 3 || !run.isAlive());
        assertThat(run.isAlive()).as("the run ended before it could be killed:\n%s", run.log()).isTrue();
        run.kill();
        return new Killed(run, "killed-in-check", resources.all());
    }

    private static Killed terminateDuringACheck() {
        HarnessProcess run = HarnessProcess.run(out, "--release", "terminated-in-check", "--knelpunt", "KP-NET-01").start();
        EngineResources resources = new EngineResources(run.processLabel());
        await("the check to deploy its instances").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> resources.containers().size() >= 2 || !run.isAlive());
        assertThat(run.isAlive()).as("the run ended before it could be stopped:\n%s", run.log()).isTrue();
        run.terminate(Duration.ofMinutes(2));
        return new Killed(run, "terminated-in-check", resources.all());
    }

    private static Killed killDuringADisruption() {
        HarnessProcess run = HarnessProcess.run(out, "--release", "killed-in-disruption", "--knelpunt", "KP-FO-01").start();
        EngineResources resources = new EngineResources(run.processLabel());
        try (EngineResources.Watch instanceDown = resources.watchContainers(event -> "die".equals(event.getAction()))) {
            instanceDown.first().get(3, TimeUnit.MINUTES);
        } catch (Exception e) {
            run.kill();
            throw new AssertionError("the check never killed its instance:\n" + run.log(), e);
        }
        run.kill();
        return new Killed(run, "killed-in-disruption", resources.all());
    }

}
