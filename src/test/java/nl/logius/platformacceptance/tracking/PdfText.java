package nl.logius.platformacceptance.tracking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a PDF back the way a person's viewer would show it, with Debian's poppler-utils ({@code pdftotext},
 * {@code pdfinfo}), installed by {@code scripts/browser.sh pdftotext} when absent; where that cannot be done,
 * {@link #find()} fails saying what to do: a PDF test never passes without reading the PDF.
 */
final class PdfText {

    private static final long TIMEOUT_SECONDS = 60;
    private static final Pattern PAGES = Pattern.compile("(?m)^Pages:\\s+(\\d+)$");

    private final Path pdftotext;

    private PdfText(Path pdftotext) {
        this.pdftotext = pdftotext;
    }

    static PdfText find() throws IOException, InterruptedException {
        return new PdfText(HeadlessChromium.ensured("pdftotext", "poppler-utils"));
    }

    /** The text of every page, in reading order. */
    String text(Path pdf) throws IOException, InterruptedException {
        return output(List.of(pdftotext.toString(), "-layout", pdf.toString(), "-"));
    }

    /** How many pages the PDF has ({@code pdfinfo}, beside pdftotext in poppler-utils). */
    int pages(Path pdf) throws IOException, InterruptedException {
        String info = output(List.of(pdftotext.resolveSibling("pdfinfo").toString(), pdf.toString()));
        Matcher pages = PAGES.matcher(info);
        if (!pages.find()) {
            throw new AssertionError("pdfinfo names no page count for " + pdf + ":\n" + info);
        }
        return Integer.parseInt(pages.group(1));
    }

    private static String output(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
