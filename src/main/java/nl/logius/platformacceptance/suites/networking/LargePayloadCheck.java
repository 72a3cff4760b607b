package nl.logius.platformacceptance.suites.networking;

import nl.logius.platformacceptance.check.Criterion;
import nl.logius.platformacceptance.check.Deadlines;
import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.Tenant;
import nl.logius.platformacceptance.platform.Workload;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.ProbeClient.EchoResult;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * KP-NET-03 — Large payloads break.
 *
 * <p>The platform's network path MUST carry payloads of every size in the criterion unchanged: each is
 * echoed by another workload through its service name the criterion's number of times, and every echo
 * comes back byte-identical (SHA-256 of the answer equal to that of the payload).
 *
 * <p>The payloads are random bytes made in the client probe inside the tenant, sent while the echo streams
 * them back, one connection per echo. An echo that comes back short (a connection cut part way) or altered
 * counts as a mismatch; the evidence says which sizes and how many bytes did arrive.
 *
 * <p>On the local platform the fault is reproduced by a network element that resets connections once they
 * have carried a set number of bytes (as a proxy with a body-size limit or a path MTU black hole cuts large
 * transfers); silent corruption of bytes in flight, which TCP checksums mostly catch, is not reproduced.
 */
@Verifies("KP-NET-03")
class LargePayloadCheck {

    private static final Duration ECHO_TIMEOUT = Duration.ofSeconds(30);

    @PlatformCheck
    void payloads_of_every_size_arrive_unchanged(Tenant tenant, Criterion criterion, Evidence evidence) {
        Workload web = evidence.step("Deploy probe as service 'web'", () -> tenant.deploy(WorkloadSpec.probe("web")));
        Workload client = evidence.step("Deploy a client probe", () -> tenant.deploy(WorkloadSpec.probe("client")));
        evidence.step("Wait until both workloads are ready", () -> {
            web.awaitReady(1, Deadlines.TOOL_WORKLOAD_READY);
            client.awaitReady(1, Deadlines.TOOL_WORKLOAD_READY);
        });
        List<Long> sizes = criterion.bytes("payload-sizes");
        int repetitions = criterion.count("repetitions");
        Instance from = client.instance(0);
        String url = web.serviceUrl("/echo");
        List<EchoResult> echoes = evidence.step("Echo payloads of " + sizes.stream().map(LargePayloadCheck::size)
                        .collect(Collectors.joining(", ")) + ", " + repetitions + " each, from " + from.name() + " through " + url,
                () -> from.probe().echo(url, sizes, repetitions, ECHO_TIMEOUT));
        evidence.attachJson("echoes", echoes);
        evidence.attachText("echoes per size", perSize(echoes));

        if (echoes.stream().noneMatch(e -> e.status() == 200)) {
            throw new PlatformException("no echo was answered at all, so nothing could be compared; first error: "
                    + echoes.stream().map(EchoResult::error).filter(e -> e != null).findFirst().orElse("none"));
        }
        List<EchoResult> mismatched = echoes.stream().filter(e -> !e.identical()).toList();
        int expected = sizes.size() * repetitions;
        long missing = expected - echoes.size();
        String detail = (expected - mismatched.size() - missing) + " of " + expected + " echoes identical"
                + (mismatched.isEmpty() ? "" : "; mismatched: " + describe(mismatched))
                + (missing > 0 ? "; " + missing + " echoes missing, counted as mismatches" : "");
        criterion.check("mismatches", mismatched.size() + missing, detail);
    }

    /** {@code 5 x 16 MiB (received 256 KiB, reset)}: the mismatches grouped by size, with what arrived. */
    private static String describe(List<EchoResult> mismatched) {
        Map<Long, List<EchoResult>> bySize = mismatched.stream()
                .collect(Collectors.groupingBy(EchoResult::bytes, LinkedHashMap::new, Collectors.toList()));
        return bySize.entrySet().stream().map(entry -> {
            EchoResult first = entry.getValue().get(0);
            String what = first.receivedBytes() < first.bytes() ? "first received " + size(first.receivedBytes())
                    : "first altered";
            String error = first.error() == null ? "" : ", " + first.error();
            return entry.getValue().size() + " x " + size(entry.getKey()) + " (" + what + error + ")";
        }).collect(Collectors.joining(", "));
    }

    private static String perSize(List<EchoResult> echoes) {
        Map<Long, List<EchoResult>> bySize = echoes.stream()
                .collect(Collectors.groupingBy(EchoResult::bytes, LinkedHashMap::new, Collectors.toList()));
        StringBuilder text = new StringBuilder();
        bySize.forEach((bytes, results) -> text.append(size(bytes)).append(": ")
                .append(results.stream().filter(EchoResult::identical).count()).append(" of ").append(results.size())
                .append(" identical; received bytes ").append(results.stream().map(r -> String.valueOf(r.receivedBytes())).toList())
                .append('\n'));
        return text.toString();
    }

    static String size(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " B";
    }
}
