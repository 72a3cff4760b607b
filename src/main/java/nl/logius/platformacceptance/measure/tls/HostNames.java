package nl.logius.platformacceptance.measure.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Whether a server certificate is valid for a host name, as browsers decide it (RFC 6125, CA/Browser
 * Forum): only the DNS names of the subject alternative name count, never the subject's CN; a wildcard
 * stands for exactly one whole left-most label ({@code *.example.org} matches {@code a.example.org}, not
 * {@code example.org} nor {@code a.b.example.org}).
 */
public final class HostNames {

    private static final int DNS_NAME = 2;

    private HostNames() {
    }

    /** The DNS names a certificate is issued for. */
    public static List<String> dnsNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    if (alternative.size() >= 2 && Integer.valueOf(DNS_NAME).equals(alternative.get(0))) {
                        names.add(String.valueOf(alternative.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // an unreadable extension names no host
        }
        return names;
    }

    public static boolean isValidFor(X509Certificate certificate, String hostName) {
        return dnsNames(certificate).stream().anyMatch(pattern -> matches(pattern, hostName));
    }

    /** Whether one DNS name of a certificate (possibly a wildcard) matches a host name. */
    public static boolean matches(String pattern, String hostName) {
        String name = trimDot(hostName.toLowerCase(Locale.ROOT));
        String wanted = trimDot(pattern.toLowerCase(Locale.ROOT));
        if (!wanted.startsWith("*.")) {
            return !wanted.contains("*") && wanted.equals(name);
        }
        String suffix = wanted.substring(1); // ".example.org"
        if (suffix.contains("*") || suffix.chars().filter(c -> c == '.').count() < 2) {
            return false; // a wildcard elsewhere, or directly under a top-level domain, matches nothing
        }
        int firstDot = name.indexOf('.');
        return firstDot > 0 && name.substring(firstDot).equals(suffix);
    }

    private static String trimDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
