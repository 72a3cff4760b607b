package nl.logius.platformacceptance.platform;

import nl.logius.platformacceptance.platform.ProbeClient.RequestResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The driver contract (a TCK): what every driver of the Platform SPI promises, each promise tested for its
 * observable effect, so that a check written against the SPI runs unchanged on every platform. A driver's
 * test extends this class and supplies the platform and the few things only it can see (its resources'
 * labels, a lost platform); the local driver passes it on the real Docker engine, inside {@code ./run-tests}.
 *
 * <p>Promises that need the platform's data plane are asked through finer capabilities: probes that answer
 * the harness ({@link #probesAnswer()}), traffic between instances ({@link #trafficBetweenInstances()}: service
 * names, instance addresses, a zone cut taking effect) and volumes that the probes write ({@link #volumesInProbes()}).
 * A test double without them (the fabric8 mock API server, whose stand-ins run real probes but no network between
 * them) skips exactly those parts, and says so in its output with {@link #dataPlaneLimits()}, rather than pretending.
 *
 * <p>The tests are independent (a tenant each) and run concurrently, as checks share a platform.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.CONCURRENT)
public abstract class PlatformContract {

    /** Long enough for a probe to start on a busy machine; the contract judges promises, not speed. */
    protected static final Duration READY = Duration.ofSeconds(90);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private final String runId = "contract-" + UUID.randomUUID().toString().substring(0, 8);
    private Platform platform;

    /** The platform under test, with at least two zones; opened once for the class. */
    protected abstract Platform openPlatform();

    /** The labels of every resource of the platform that belongs to {@code runId} (any check), as stored there. */
    protected abstract List<Map<String, String>> labelsOfEveryResource(String runId);

    /**
     * A platform of this driver that cannot be reached (an engine or API server that is not there), the
     * outcome of one operation on it, and what its {@link Platform#unreachableSince} said afterwards.
     */
    protected abstract LostPlatform aLostPlatform();

    /** Whether the harness reaches the probes in the instances (identity, crash, hang) and they answer. */
    protected boolean probesAnswer() {
        return true;
    }

    /** Whether instances reach each other: service names resolve, instance addresses connect, a cut zone is cut off. */
    protected boolean trafficBetweenInstances() {
        return true;
    }

    /** Whether the probes write and read the volumes mounted into their instances. */
    protected boolean volumesInProbes() {
        return true;
    }

    /** Why the platform lacks some of the data plane, for the output of the parts it skips. */
    protected String dataPlaneLimits() {
        return "";
    }

    /** Whether a part of a promise can be verified here; when it cannot, says so in the test's output. */
    private boolean verifiable(boolean capability, String part) {
        if (!capability) {
            System.out.println("[driver contract] NOT VERIFIED on " + getClass().getSimpleName() + ": " + part + " (" + dataPlaneLimits() + ")");
        }
        return capability;
    }

    /**
     * How much longer than its readiness settings the platform may take to take an instance that stopped
     * answering out of rotation (a kubelet's and the driver's own polling).
     */
    protected Duration readinessSlack() {
        return Duration.ofSeconds(5);
    }

    @BeforeAll
    void open() {
        platform = openPlatform();
        assertThat(platform.zones()).as("the contract needs two zones").hasSizeGreaterThanOrEqualTo(2);
    }

    @AfterAll
    void close() {
        if (platform != null) {
            platform.removeRun(runId);
            platform.close();
        }
    }

    protected Platform platform() {
        return platform;
    }

    protected Ownership owner(String check) {
        return Ownership.of(runId, "PlatformContract." + check, Instant.now().plus(Duration.ofHours(1)));
    }

    @Test
    void instances_spread_over_the_zones_become_ready_and_answer_through_the_service_name() {
        try (Tenant tenant = platform.createTenant(owner("spread"), "spread")) {
            int instances = 2 * tenant.zones().size();
            Workload web = tenant.deploy(WorkloadSpec.probe("web").instances(instances).spreadOverZones());
            web.awaitReady(instances, READY);
            assertThat(web.instances()).hasSize(instances).allMatch(Instance::isReady);
            assertThat(web.instances().stream().map(Instance::zone).collect(Collectors.toSet()))
                    .as("every zone holds an instance").containsExactlyInAnyOrderElementsOf(tenant.zones());
            assertThat(web.spec().instances()).isEqualTo(instances);
            if (!verifiable(trafficBetweenInstances(), "the service name resolves and reaches every instance")) {
                return;
            }
            ProbeClient client = client(tenant, tenant.zones().get(0));
            assertThat(client.lookUp(web.serviceName(), 10, Duration.ofSeconds(30)))
                    .as("the service name resolves inside the tenant").hasSize(10).allMatch(ProbeClient.DnsLookup::ok);
            List<RequestResult> answers = client.get(web.serviceUrl("/identity"), 20 * instances, REQUEST_TIMEOUT, Duration.ofSeconds(60));
            assertThat(answers).allMatch(RequestResult::ok);
            assertThat(answers.stream().map(RequestResult::instance).collect(Collectors.toSet()))
                    .as("requests through the service name reach every instance")
                    .containsExactlyInAnyOrderElementsOf(names(web.instances()));
        }
    }

    @Test
    void a_crashed_instance_is_restarted_or_replaced_and_serves_again() {
        try (Tenant tenant = platform.createTenant(owner("crash"), "crash")) {
            Workload web = tenant.deploy(WorkloadSpec.probe("web").instances(2));
            web.awaitReady(2, READY);
            Instance victim = web.instance(0);
            String startedBefore = probesAnswer() ? victim.probe().identity().startedAt() : "";
            Instant before = Instant.now();

            Disruption crash = victim.crash();

            assertDisruption(crash, Disruption.Kind.CRASH, victim.name(), before);
            Instance healed = web.awaitReplacement(crash, READY);
            assertThat(healed.isReady()).isTrue();
            web.awaitReady(2, READY);
            if (verifiable(probesAnswer(), "a new process serves after the crash")) {
                assertThat(healed.probe().identity().startedAt()).as("a new process serves").isNotEqualTo(startedBefore);
            }
            if (verifiable(trafficBetweenInstances(), "the healed instance serves through the service name")) {
                assertThat(client(tenant, tenant.zones().get(0)).get(web.serviceUrl("/identity"), 40, REQUEST_TIMEOUT,
                        Duration.ofSeconds(60))).allMatch(RequestResult::ok).extracting(RequestResult::instance).contains(healed.name());
            }
        }
    }

    @Test
    void a_deleted_instance_is_replaced_under_a_new_name_unless_identity_is_stable() {
        try (Tenant tenant = platform.createTenant(owner("delete"), "delete")) {
            Workload web = tenant.deploy(WorkloadSpec.probe("web").instances(2));
            Workload db = tenant.deploy(WorkloadSpec.probe("db").withStableIdentity());
            web.awaitReady(2, READY);
            db.awaitReady(1, READY);
            Instance victim = web.instance(0);
            Instance stateful = db.instance(0);
            Instant before = Instant.now();

            Disruption deleted = victim.delete();
            Disruption deletedStateful = stateful.delete();

            assertDisruption(deleted, Disruption.Kind.DELETE, victim.name(), before);
            Instance replacement = web.awaitReplacement(deleted, READY);
            assertThat(replacement.name()).as("a replacement is a new instance").isNotEqualTo(victim.name());
            assertThat(names(web.instances())).doesNotContain(victim.name()).contains(replacement.name());
            web.awaitReady(2, READY);
            Instance statefulReplacement = db.awaitReplacement(deletedStateful, READY);
            assertThat(statefulReplacement.name()).as("stable identity keeps the name").isEqualTo(stateful.name());
        }
    }

    @Test
    void a_frozen_instance_leaves_rotation_within_its_readiness_settings_and_returns_after_a_thaw() {
        Readiness readiness = new Readiness("/health", Duration.ofSeconds(1), 2, Duration.ofSeconds(1));
        try (Tenant tenant = platform.createTenant(owner("freeze"), "freeze")) {
            Workload web = tenant.deploy(WorkloadSpec.probe("web").instances(2).withReadiness(readiness));
            web.awaitReady(2, READY);
            Instance victim = web.instance(0);
            Instant before = Instant.now();

            Disruption frozen = victim.freeze();

            assertDisruption(frozen, Disruption.Kind.FREEZE, victim.name(), before);
            Duration allowed = readiness.worstCaseRemoval().plus(readinessSlack());
            await(victim.name() + " out of rotation").atMost(frozen.remainingOf(allowed).plusMillis(1)).until(() -> !victim.isReady());
            if (verifiable(trafficBetweenInstances(), "no request through the service name reaches the frozen instance")) {
                List<RequestResult> whileFrozen = client(tenant, tenant.zones().get(0)).get(web.serviceUrl("/identity"), 20,
                        REQUEST_TIMEOUT, Duration.ofSeconds(60));
                assertThat(whileFrozen).as("no request goes to the frozen instance").allMatch(RequestResult::ok)
                        .extracting(RequestResult::instance).doesNotContain(victim.name());
            }
            Disruption thawed = victim.thaw();
            assertThat(thawed.kind()).isEqualTo(Disruption.Kind.THAW);
            web.awaitReady(2, thawed.at(), READY);
            assertThat(victim.isReady()).isTrue();
        }
    }

    @Test
    void a_cut_off_zone_is_unreachable_from_the_others_until_it_returns() {
        try (Tenant tenant = platform.createTenant(owner("zone-cut"), "zone-cut")) {
            Zone kept = tenant.zones().get(0);
            Zone lost = tenant.zones().get(1);
            Workload web = tenant.deploy(WorkloadSpec.probe("web").instances(2).spreadOverZones());
            web.awaitReady(2, READY);
            Instance inLost = web.instances().stream().filter(i -> i.zone().equals(lost)).findFirst().orElseThrow();
            Instance inKept = web.instances().stream().filter(i -> i.zone().equals(kept)).findFirst().orElseThrow();
            boolean traffic = verifiable(trafficBetweenInstances(), "the cut-off zone is unreachable from the kept one, and"
                    + " reachable again after the restore");
            String lostAddress = traffic ? inLost.address() : "";
            // The client exists before the cut, so that it cannot be given the address the cut freed.
            ProbeClient client = traffic ? client(tenant, kept) : null;
            Instant before = Instant.now();

            Disruption cut = tenant.cutOff(lost);

            assertDisruption(cut, Disruption.Kind.ZONE_CUT, "zone " + lost, before);
            if (traffic) {
                assertThat(client.connect(inKept.address(), web.servicePort(), 3, REQUEST_TIMEOUT))
                        .as("the kept zone answers").allMatch(ProbeClient.ConnectAttempt::connected);
                List<ProbeClient.ConnectAttempt> toLost = client.connect(lostAddress, web.servicePort(), 3, REQUEST_TIMEOUT);
                assertThat(toLost).as("the cut-off zone does not: " + lostAddress + " " + toLost).noneMatch(ProbeClient.ConnectAttempt::connected);
            }
            Disruption returned = tenant.restore(lost);
            assertThat(returned.kind()).isEqualTo(Disruption.Kind.ZONE_RESTORE);
            web.awaitReady(2, returned.at(), READY);
            if (traffic) {
                await("the returned zone answers again").atMost(READY).until(() -> client.connect(inLost.address(),
                        web.servicePort(), 1, REQUEST_TIMEOUT).get(0).connected());
            }
        }
    }

    @Test
    void a_shared_volume_written_by_one_instance_is_read_by_another() {
        try (Tenant tenant = platform.createTenant(owner("shared-volume"), "shared-volume")) {
            Volume shared = tenant.createVolume(VolumeSpec.of("handover", 64L << 20).sharedByInstances());
            Workload pair = tenant.deploy(WorkloadSpec.probe("pair").instances(2).mount(shared, "/data"));
            shared.awaitBound(READY);
            pair.awaitReady(2, READY);
            if (!verifiable(volumesInProbes(), "what one instance writes on the shared volume, the other reads")) {
                return;
            }
            ProbeClient.FileWritten written = pair.instance(0).probe().write("/data/handover.bin", 1 << 20, true, 42);
            ProbeClient.ContentSeen seen = pair.instance(1).probe().awaitContent("/data/handover.bin", written.sha256(),
                    Duration.ofSeconds(10));
            assertThat(seen.matched()).as("the other instance reads what the first wrote").isTrue();
        }
    }

    @Test
    void update_rollback_and_scale_complete_within_their_deadlines() {
        try (Tenant tenant = platform.createTenant(owner("rollout"), "rollout")) {
            Workload web = tenant.deploy(WorkloadSpec.probe("web").instances(2).version("1"));
            web.awaitReady(2, READY);

            web.update("2", READY);
            assertThat(web.version()).isEqualTo("2");
            assertVersions(web, "2");

            web.rollback(READY);
            assertThat(web.version()).isEqualTo("1");
            assertVersions(web, "1");

            Instant scaled = Instant.now();
            web.scale(3);
            web.awaitReady(3, scaled, READY);
            assertThat(web.instances()).hasSize(3);
            assertThatThrownBy(() -> web.awaitReady(4, Duration.ofSeconds(2)))
                    .as("a deadline that passes is reported, not waited out").isInstanceOf(DeadlineExceededException.class);
        }
    }

    @Test
    void every_resource_carries_its_run_check_and_expiry_in_valid_label_values() {
        Ownership owner = owner("labels-" + "x".repeat(80));
        try (Tenant tenant = platform.createTenant(owner, "labels")) {
            Volume volume = tenant.createVolume(VolumeSpec.of("data", 16L << 20));
            Workload web = tenant.deploy(WorkloadSpec.probe("web").mount(volume, "/data"));
            web.awaitReady(1, READY);

            List<Map<String, String>> labelled = labelsOfEveryResource(runId).stream()
                    .filter(labels -> owner.checkLabel().equals(labels.get(Ownership.CHECK_LABEL))).toList();
            assertThat(labelled).as("the tenant, its workload and its volume").hasSizeGreaterThanOrEqualTo(3);
            for (Map<String, String> labels : labelled) {
                assertThat(labels).containsEntry(Ownership.RUN_LABEL, runId).containsKey(Ownership.EXPIRES_LABEL);
                assertThat(Ownership.expiry(labels)).contains(Instant.ofEpochSecond(owner.expiresAt().getEpochSecond()));
                assertThat(labels.values()).allMatch(value -> Ownership.LABEL_VALUE.matcher(value).matches(),
                        "a valid label value everywhere (at most 63 of [A-Za-z0-9._-], alphanumeric at both ends)");
            }
        }
    }

    @Test
    void closing_a_tenant_removes_everything_and_a_sweep_takes_expired_leftovers_but_never_a_live_runs() {
        Ownership owner = owner("removal");
        try (Tenant tenant = platform.createTenant(owner, "removal")) {
            Volume volume = tenant.createVolume(VolumeSpec.of("data", 16L << 20));
            tenant.deploy(WorkloadSpec.probe("web").mount(volume, "/data")).awaitReady(1, READY);
        }
        assertThat(labelsOfEveryResource(runId).stream().filter(labels -> owner.checkLabel().equals(labels.get(Ownership.CHECK_LABEL))))
                .as("nothing left of a closed tenant").isEmpty();

        String expiredRun = "contract-expired-" + UUID.randomUUID().toString().substring(0, 8);
        String liveRun = "contract-live-" + UUID.randomUUID().toString().substring(0, 8);
        Ownership expired = Ownership.of(expiredRun, "PlatformContract.sweep", Instant.now().minusSeconds(1));
        Ownership live = Ownership.of(liveRun, "PlatformContract.sweep", Instant.now().plus(Duration.ofHours(1)));
        // Left behind as a killed run leaves them: created, never closed.
        platform.createTenant(expired, "expired").deploy(WorkloadSpec.probe("left")).awaitReady(1, READY);
        Tenant liveTenant = platform.createTenant(live, "live");
        try {
            liveTenant.deploy(WorkloadSpec.probe("alive")).awaitReady(1, READY);

            assertThat(platform.sweepLeftovers()).as("resources swept").isPositive();

            assertThat(labelsOfEveryResource(expiredRun)).as("an expired run's leftovers").isEmpty();
            assertThat(labelsOfEveryResource(liveRun)).as("a live run's resources").isNotEmpty();
        } finally {
            liveTenant.close();
            platform.removeRun(expiredRun);
            platform.removeRun(liveRun);
        }
    }

    @Test
    void a_lost_platform_is_reported_by_unreachable_since() {
        LostPlatform lost = aLostPlatform();
        assertThat(lost.operationFailed()).as("an operation on a platform that is not there fails: " + lost.outcome()).isTrue();
        assertThat(lost.reported()).as("unreachableSince names what was seen").isPresent();
        assertThat(lost.reported().orElseThrow()).isNotBlank();
    }

    private ProbeClient client(Tenant tenant, Zone zone) {
        Workload client = tenant.deploy(WorkloadSpec.probe("client-" + UUID.randomUUID().toString().substring(0, 6)).inZone(zone));
        client.awaitReady(1, READY);
        return client.instance(0).probe();
    }

    private void assertVersions(Workload web, String version) {
        if (verifiable(probesAnswer(), "every instance's probe reports version " + version)) {
            assertThat(web.instances()).allSatisfy(instance -> assertThat(instance.probe().identity().version()).isEqualTo(version));
        }
    }

    private static void assertDisruption(Disruption disruption, Disruption.Kind kind, String target, Instant notBefore) {
        assertThat(disruption.kind()).isEqualTo(kind);
        assertThat(disruption.target()).isEqualTo(target);
        assertThat(disruption.at()).as("it took effect during the call").isAfterOrEqualTo(notBefore).isBeforeOrEqualTo(Instant.now());
        assertThat(disruption.mechanism()).as("what the platform really did, for the evidence").isNotBlank();
    }

    private static Set<String> names(List<Instance> instances) {
        return instances.stream().map(Instance::name).collect(Collectors.toSet());
    }

    /**
     * A platform that could not be reached.
     *
     * @param operationFailed whether the operation tried on it failed with a {@link PlatformException}
     * @param outcome         what that operation said or returned
     * @param reported        what {@link Platform#unreachableSince} said afterwards
     */
    public record LostPlatform(boolean operationFailed, String outcome, Optional<String> reported) {
    }
}
