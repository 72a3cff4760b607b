package nl.logius.platformacceptance.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.qameta.allure.Allure;
import nl.logius.platformacceptance.platform.Disruption;
import nl.logius.platformacceptance.json.Mappers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a check leaves its evidence: named steps (Allure steps, so an auditor reads what happened in order)
 * and attachments (timelines, charts, raw results), each also written once under the run's
 * {@code evidence/<check>/} folder.
 *
 * <pre>{@code
 * Workload web = evidence.step("Deploy probe x3 over the zones", () -> tenant.deploy(...));
 * evidence.attachSvg("availability timeline", timeline.chart());
 * }</pre>
 */
public final class Evidence {

    private final CheckRecord record;
    private final Path directory;
    private final AtomicInteger sequence = new AtomicInteger();

    public Evidence(CheckRecord record, Path directory) {
        this.record = record;
        this.directory = directory;
    }

    /** A step that yields a value; its failure fails the step and propagates. */
    public <T> T step(String name, Allure.ThrowableRunnable<T> action) {
        record.note("step: " + name);
        return Allure.step(name, action);
    }

    public void step(String name, Allure.ThrowableRunnableVoid action) {
        record.note("step: " + name);
        Allure.step(name, action);
    }

    /**
     * A disruption as a step: named by the check's intention ({@code Delete instance web-0}), followed by what the
     * platform really did and when, as the driver reports it, so that an auditor reads the true mechanism.
     */
    public Disruption disrupt(String name, Allure.ThrowableRunnable<Disruption> action) {
        Disruption disruption = step(name, action);
        note(disruption.describe());
        return disruption;
    }

    public void note(String text) {
        record.note(text);
        Allure.step(text);
    }

    public void attachText(String name, String text) {
        attach(name, "text/plain", "txt", text.getBytes(StandardCharsets.UTF_8));
    }

    public void attachSvg(String name, String svg) {
        attach(name, "image/svg+xml", "svg", svg.getBytes(StandardCharsets.UTF_8));
    }

    public void attachCsv(String name, String csv) {
        attach(name, "text/csv", "csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    public void attachJson(String name, Object value) {
        try {
            attach(name, "application/json", "json", Mappers.JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write evidence " + name + " as JSON", e);
        }
    }

    public void attach(String name, String mediaType, String extension, byte[] content) {
        Allure.addAttachment(name, mediaType, new ByteArrayInputStream(content), extension);
        Path file = directory.resolve(String.format(Locale.ROOT, "%02d-%s.%s", sequence.incrementAndGet(), slug(name), extension));
        try {
            Files.createDirectories(directory);
            // Evidence is written once: CREATE_NEW refuses to overwrite anything.
            Files.write(file, content, StandardOpenOption.CREATE_NEW);
            record.addEvidence(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write evidence " + file, e);
        }
    }

    static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.length() > 60 ? slug.substring(0, 60) : slug;
    }
}
