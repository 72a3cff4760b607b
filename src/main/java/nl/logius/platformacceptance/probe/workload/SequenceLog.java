package nl.logius.platformacceptance.probe.workload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An append-only log of sequence numbers in one file, as a stateful service keeps a journal: one line per
 * write. {@link #append} returns only once the line is durable (written and fsync'ed), so that an
 * acknowledgement sent after it promises the write survives a crash.
 *
 * <p>With a write-behind delay (the injection of KP-FO-04) it does what a stateful service with an unsafe
 * write-back cache does: it keeps the write in this process's memory, returns at once, and writes it to
 * the file only after the delay. A crash of the process (SIGKILL) then loses every write acknowledged in
 * the last {@code writeBehindMillis}: they never reached the file, not even the page cache.
 */
final class SequenceLog implements AutoCloseable {

    private static final long FLUSH_PERIOD_MILLIS = 100;

    private final Path file;
    private final long writeBehindNanos;
    private final FileChannel channel;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final ScheduledExecutorService flusher;

    private record Pending(long sequence, long acceptedNanos) {
    }

    SequenceLog(Path file, long writeBehindMillis) throws IOException {
        this.file = file;
        this.writeBehindNanos = TimeUnit.MILLISECONDS.toNanos(writeBehindMillis);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (endsTorn(file)) {
            channel.write(ByteBuffer.wrap("!torn\n".getBytes(StandardCharsets.US_ASCII)));
            channel.force(false);
        }
        if (writeBehindMillis > 0) {
            flusher = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("write-behind"));
            flusher.scheduleWithFixedDelay(this::flushDue, FLUSH_PERIOD_MILLIS, FLUSH_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            flusher = null;
        }
    }

    /** Records {@code sequence}; on return it is durable, unless this log writes behind. */
    synchronized void append(long sequence) throws IOException {
        if (flusher != null) {
            pending.addLast(new Pending(sequence, System.nanoTime()));
            return;
        }
        writeDurably(List.of(sequence));
    }

    /** Every sequence number the log holds: those in the file, then those still waiting to be written. */
    synchronized Contents read() throws IOException {
        List<Long> sequences = new ArrayList<>();
        int malformed = 0;
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            lines = List.of();
        }
        for (String line : lines) {
            try {
                sequences.add(Long.parseLong(line.strip()));
            } catch (NumberFormatException e) {
                malformed++; // a line torn by a crash in the middle of a write; it acknowledged nothing
            }
        }
        pending.forEach(p -> sequences.add(p.sequence));
        return new Contents(sequences, malformed, pending.size());
    }

    /** What the log holds: sequence numbers in order, lines that are no number, writes not yet in the file. */
    record Contents(List<Long> sequences, int malformedLines, int notYetWritten) {
    }

    private synchronized void flushDue() {
        long now = System.nanoTime();
        List<Long> due = new ArrayList<>();
        while (!pending.isEmpty() && now - pending.peekFirst().acceptedNanos >= writeBehindNanos) {
            due.add(pending.pollFirst().sequence);
        }
        if (!due.isEmpty()) {
            try {
                writeDurably(due);
            } catch (IOException e) {
                System.err.println("write-behind of " + due.size() + " writes to " + file + " failed: " + e);
            }
        }
    }

    /**
     * A crash in the middle of a write leaves a last line without its newline, e.g. {@code 3} of {@code 35}:
     * it is closed with a mark that makes it no number, so it can neither pass for a write nor merge with the
     * next one.
     */
    private static boolean endsTorn(Path file) throws IOException {
        try (FileChannel read = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = read.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            read.read(last, size - 1);
            return last.get(0) != '\n';
        }
    }

    private void writeDurably(List<Long> sequences) throws IOException {
        StringBuilder lines = new StringBuilder();
        sequences.forEach(sequence -> lines.append(sequence).append('\n'));
        ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.US_ASCII));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
    }

    @Override
    public synchronized void close() throws IOException {
        if (flusher != null) {
            flusher.shutdownNow();
        }
        channel.close();
    }
}
