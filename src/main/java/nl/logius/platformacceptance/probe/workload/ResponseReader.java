package nl.logius.platformacceptance.probe.workload;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.1 response from a connection that may carry more (keep-alive): the head, then exactly
 * the body it announces, handing the body's bytes to a sink (a digest, a counter) without keeping them.
 */
final class ResponseReader {

    private static final int BUFFER_BYTES = 64 * 1024;

    private ResponseReader() {
    }

    /** Status and headers (names lower case). */
    record Head(int status, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Receives the body in pieces. */
    @FunctionalInterface
    interface BodySink {
        void accept(byte[] buffer, int length);
    }

    /** @throws EOFException when the connection ends before a status line (the server closed it) */
    static Head readHead(InputStream in) throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null) {
            throw new EOFException("connection closed before a response");
        }
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("bad status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return new Head(status, headers);
    }

    /**
     * Reads the body the head announces; without a length or chunking, until the connection ends.
     *
     * @return how many body bytes arrived; fewer than announced only when the connection ended early,
     *         which is reported as an {@link EOFException} carrying the count in its message
     */
    static long readBody(InputStream in, Head head, BodySink sink) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        String length = head.header("content-length");
        if (length != null) {
            long expected = Long.parseLong(length);
            long received = 0;
            while (received < expected) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, expected - received));
                if (read < 0) {
                    throw new TruncatedBody(received, expected);
                }
                sink.accept(buffer, read);
                received += read;
            }
            return received;
        }
        if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
            long received = 0;
            for (String size = readLine(in); size != null; size = readLine(in)) {
                int chunk = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (chunk == 0) {
                    readLine(in);
                    return received;
                }
                int left = chunk;
                while (left > 0) {
                    int read = in.read(buffer, 0, Math.min(buffer.length, left));
                    if (read < 0) {
                        throw new TruncatedBody(received, -1);
                    }
                    sink.accept(buffer, read);
                    left -= read;
                    received += read;
                }
                readLine(in);
            }
            throw new TruncatedBody(received, -1);
        }
        long received = 0;
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            sink.accept(buffer, read);
            received += read;
        }
        return received;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    /** The connection ended inside a body. */
    static final class TruncatedBody extends EOFException {
        final long received;

        TruncatedBody(long received, long expected) {
            super("connection ended after " + received + " body bytes" + (expected >= 0 ? " of " + expected : ""));
            this.received = received;
        }
    }
}
