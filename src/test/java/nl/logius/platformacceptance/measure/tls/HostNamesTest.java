package nl.logius.platformacceptance.measure.tls;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class HostNamesTest {

    @ParameterizedTest(name = "{0} for {1}: {2}")
    @CsvSource({
            "ingress.example.org,      ingress.example.org,    true",
            "INGRESS.example.org,      ingress.EXAMPLE.org.,   true",
            "ingress.example.org,      other.example.org,      false",
            "*.example.org,            ingress.example.org,    true",
            "*.example.org,            example.org,            false",
            "*.example.org,            a.b.example.org,        false",
            "*.org,                    example.org,            false",
            "in*.example.org,          ingress.example.org,    false",
            "*.*.example.org,          a.b.example.org,        false",
            "ingress.example.org,      ingress.example.org.evil, false",
    })
    void matches_as_browsers_do(String pattern, String hostName, boolean expected) {
        assertThat(HostNames.matches(pattern.strip(), hostName.strip())).isEqualTo(expected);
    }
}
