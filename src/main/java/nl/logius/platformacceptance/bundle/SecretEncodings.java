package nl.logius.platformacceptance.bundle;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The forms in which a secret's bytes could end up in a file of a run: raw, escaped for JSON, Java
 * properties, XML/HTML and URLs, in hex, and in base64 and base64url. Base64 is searched for at each of
 * its three alignments, because a secret inside a larger encoded text (a {@code Basic} header's
 * {@code user:password}, an attachment inside Allure's single-file report) starts at any byte offset; only
 * the characters that depend on the secret's bytes alone are searched for.
 *
 * <p>Every form is given as a Latin-1 string of its bytes, so that a search over a file's bytes read as
 * Latin-1 is a byte search.
 */
public final class SecretEncodings {

    private SecretEncodings() {
    }

    /** Whether a needle is the base64 kind, searched for also with line breaks removed from the text. */
    public static boolean isBase64(String encoding) {
        return encoding.startsWith("base64");
    }

    /** Encoding name → needle, without duplicates (for most tokens the escaped forms equal the raw one). */
    public static Map<String, String> of(byte[] value) {
        Map<String, String> forms = new LinkedHashMap<>();
        String text = new String(value, StandardCharsets.UTF_8);
        add(forms, "raw", latin1(value));
        add(forms, "JSON-escaped", utf8(new String(JsonStringEncoder.getInstance().quoteAsString(text))));
        add(forms, "JSON-escaped (ASCII)", asciiEscaped(new String(JsonStringEncoder.getInstance().quoteAsString(text))));
        add(forms, "properties-escaped", asciiEscaped(propertiesEscaped(text)));
        add(forms, "XML-escaped", utf8(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")));
        add(forms, "XML-attribute-escaped", utf8(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")));
        add(forms, "HTML-escaped", utf8(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;")));
        add(forms, "HTML-escaped (&#x27;)", utf8(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#x27;")));
        String urlEncoded = URLEncoder.encode(text, StandardCharsets.UTF_8);
        add(forms, "URL-encoded", urlEncoded);
        add(forms, "URL-encoded (%20)", urlEncoded.replace("+", "%20"));
        add(forms, "URL-encoded (RFC 3986)", urlEncoded.replace("+", "%20").replace("%7E", "~").replace("*", "%2A"));
        add(forms, "URL-encoded (lower-case hex)", lowerCasePercentHex(urlEncoded));
        add(forms, "hex", HexFormat.of().formatHex(value));
        add(forms, "hex (upper case)", HexFormat.of().withUpperCase().formatHex(value));
        for (int offset = 0; offset < 3; offset++) {
            String core = base64Core(value, offset);
            add(forms, "base64" + (offset == 0 ? "" : " (at offset " + offset + ")"), core);
            add(forms, "base64url" + (offset == 0 ? "" : " (at offset " + offset + ")"), core.replace('+', '-').replace('/', '_'));
        }
        return forms;
    }

    /**
     * The base64 characters that depend only on {@code value} when it starts {@code offset} bytes (0..2) into
     * a 3-byte group: character i covers bits [6i, 6i+6) of the encoded bytes.
     */
    static String base64Core(byte[] value, int offset) {
        byte[] shifted = new byte[offset + value.length];
        System.arraycopy(value, 0, shifted, offset, value.length);
        String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
        int first = (8 * offset + 5) / 6;
        int end = 8 * (offset + value.length) / 6;
        return end > first ? encoded.substring(first, end) : "";
    }

    private static void add(Map<String, String> forms, String encoding, String needle) {
        if (!needle.isEmpty() && !forms.containsValue(needle)) {
            forms.put(encoding, needle);
        }
    }

    private static String propertiesEscaped(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\', '=', ':', '#', '!' -> escaped.append('\\').append(c);
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Non-ASCII characters as {@code \\uXXXX}, as JSON and properties writers may write them. */
    private static String asciiEscaped(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c < 128) {
                escaped.append(c);
            } else {
                escaped.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return escaped.toString();
    }

    private static String lowerCasePercentHex(String urlEncoded) {
        StringBuilder lower = new StringBuilder(urlEncoded);
        for (int i = lower.indexOf("%"); i >= 0 && i + 2 < lower.length(); i = lower.indexOf("%", i + 1)) {
            lower.replace(i + 1, i + 3, lower.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
        }
        return lower.toString();
    }

    private static String utf8(String text) {
        return latin1(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
