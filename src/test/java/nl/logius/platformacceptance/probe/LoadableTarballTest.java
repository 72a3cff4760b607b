package nl.logius.platformacceptance.probe;

import nl.logius.platformacceptance.platform.ProbeImage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The tag that keeps a loaded image's manifest digest on the engine, and back. */
class LoadableTarballTest {

    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @Test
    void a_digest_travels_as_a_tag_and_back() {
        String tag = LoadableTarball.digestTag(DIGEST);

        assertThat(tag).isEqualTo("sha256-" + "0123456789abcdef".repeat(4)).hasSizeLessThanOrEqualTo(128);
        assertThat(LoadableTarball.digestOfTag(tag)).isEqualTo(DIGEST);
    }

    @Test
    void a_tag_that_is_no_digest_gives_none() {
        assertThat(LoadableTarball.digestOfTag("3f2a9c0d1e2b4a5f")).isNull();
        assertThat(LoadableTarball.digestOfTag("3f2a9c0d1e2b4a5f-v2")).isNull();
        assertThat(LoadableTarball.digestOfTag("sha256-abc")).isNull();
    }

    @Test
    void the_repository_of_a_reference_keeps_a_registry_port() {
        assertThat(ProbeImage.repository("127.0.0.1:5443/pa/probe:3f2a")).isEqualTo("127.0.0.1:5443/pa/probe");
        assertThat(ProbeImage.repository("127.0.0.1:5443/pa/probe")).isEqualTo("127.0.0.1:5443/pa/probe");
    }
}
