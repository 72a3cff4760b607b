package nl.logius.platformacceptance.check;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one check did in one run, as the harness records it beside JUnit's own result: its measurements
 * (for {@code verdicts.json}), the evidence files it wrote, and notes. Thread-safe: probes and steps may
 * record from several threads.
 */
public final class CheckRecord {

    private final String checkId;
    private final String displayName;
    private final List<String> knelpunten;
    private final Instant startedAt = Instant.now();
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<Path> evidenceFiles = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public CheckRecord(String checkId, String displayName, List<String> knelpunten) {
        this.checkId = checkId;
        this.displayName = displayName;
        this.knelpunten = List.copyOf(knelpunten);
    }

    public String checkId() {
        return checkId;
    }

    public String displayName() {
        return displayName;
    }

    public List<String> knelpunten() {
        return knelpunten;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public synchronized void add(Measurement measurement) {
        measurements.add(measurement);
    }

    public synchronized List<Measurement> measurements() {
        return List.copyOf(measurements);
    }

    public synchronized List<Measurement> failedMeasurements() {
        return measurements.stream().filter(m -> !m.passed()).toList();
    }

    public synchronized void addEvidence(Path file) {
        evidenceFiles.add(file);
    }

    public synchronized List<Path> evidenceFiles() {
        return List.copyOf(evidenceFiles);
    }

    public synchronized void note(String note) {
        notes.add(note);
    }

    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }
}
