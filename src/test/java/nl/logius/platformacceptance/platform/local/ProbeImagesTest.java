package nl.logius.platformacceptance.platform.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The image of one probe version: the version is a property of the image, built on the local probe image. */
class ProbeImagesTest {

    @Test
    void a_version_image_sets_the_version_on_top_of_the_local_probe_image() {
        assertThat(ProbeImages.versionDockerfile("localhost/platform-acceptance/probe:abc", "2"))
                .startsWith("FROM localhost/platform-acceptance/probe:abc\n")
                .contains("ENV PROBE_VERSION=2\n");
    }

    @Test
    void a_version_that_cannot_be_an_image_tag_is_refused_before_the_engine_is_asked() {
        assertThatThrownBy(() -> ProbeImages.ensureVersion(null, "localhost/platform-acceptance/probe:abc", "2 beta"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 beta");
    }
}
