package nl.logius.platformacceptance.bundle;

import nl.logius.platformacceptance.target.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Planted secrets, in every encoding the scan promises to see, are found; the values are never reported. */
class SecretScanTest {

    private static final String TOKEN = "lpc-T0ken+/with:odd=chars&\"quotes\"";
    private static final Secret SECRET = Secret.of("api-token", TOKEN);

    @TempDir
    Path folder;

    @Test
    void a_clean_folder_has_no_findings() throws IOException {
        SealedFolders.unsealed(folder);
        assertThat(SecretScan.of(List.of(SECRET), SigningKey.generateEphemeral()).scan(folder)).isEmpty();
    }

    @Test
    void finds_a_planted_secret_raw_and_in_each_common_encoding() throws IOException {
        byte[] bytes = TOKEN.getBytes(StandardCharsets.UTF_8);
        plant("raw.txt", "token: " + TOKEN);
        plant("result.json", "{\"value\": " + com.fasterxml.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(TOKEN) + "}");
        plant("environment.properties", "token=" + TOKEN.replace(":", "\\:").replace("=", "\\="));
        plant("junit.xml", "<property value=\"" + TOKEN.replace("&", "&amp;").replace("\"", "&quot;") + "\"/>");
        plant("url.log", "GET /x?token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8));
        plant("hex.txt", HexFormat.of().formatHex(bytes));
        plant("base64.txt", Base64.getEncoder().encodeToString(bytes));
        plant("base64url.txt", Base64.getUrlEncoder().encodeToString(bytes));

        List<SecretScan.Finding> findings = SecretScan.of(List.of(SECRET), null).scan(folder);

        assertThat(findings).extracting(SecretScan.Finding::path).contains("raw.txt", "result.json", "environment.properties",
                "junit.xml", "url.log", "hex.txt", "base64.txt", "base64url.txt");
        assertThat(findings).allSatisfy(finding -> {
            assertThat(finding.secret()).isEqualTo("api-token");
            assertThat(finding.toString()).doesNotContain(TOKEN);
        });
    }

    @Test
    void finds_a_secret_inside_larger_base64_at_every_byte_offset_and_across_wrapped_lines() throws IOException {
        for (int offset = 0; offset < 3; offset++) {
            byte[] embedded = ("x".repeat(offset) + "Authorization: Basic user:" + TOKEN + " and more").getBytes(StandardCharsets.UTF_8);
            plant("embedded-" + offset + ".html", "<script src=\"data:text/javascript;base64," + Base64.getEncoder().encodeToString(embedded) + "\">");
        }
        byte[] long_ = ("prefix ".repeat(20) + TOKEN).getBytes(StandardCharsets.UTF_8);
        plant("wrapped.pem", Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(long_));

        List<SecretScan.Finding> findings = SecretScan.of(List.of(SECRET), null).scan(folder);

        assertThat(findings).extracting(SecretScan.Finding::path).contains("embedded-0.html", "embedded-1.html", "embedded-2.html", "wrapped.pem");
    }

    @Test
    void the_signing_keys_private_half_is_searched_for_too() throws IOException {
        SigningKey key = SigningKey.generateEphemeral();
        java.io.ByteArrayOutputStream pem = new java.io.ByteArrayOutputStream();
        key.writePrivateKeyTo(pem);
        plant("leaked-key.pem", pem.toString(StandardCharsets.US_ASCII));
        plant("public.pem", key.publicKeyPem());

        List<SecretScan.Finding> findings = SecretScan.of(List.of(), key).scan(folder);

        assertThat(findings).extracting(SecretScan.Finding::path).containsOnly("leaked-key.pem");
    }

    @Test
    void a_secret_too_short_to_search_for_is_reported_not_searched() {
        SecretScan scan = SecretScan.of(List.of(Secret.of("pin", "1234")), null);
        assertThat(scan.unscannable()).containsExactly("pin");
        assertThat(scan.secretCount()).isZero();
    }

    @Test
    void base64_cores_cover_only_the_characters_that_depend_on_the_secret_alone() {
        byte[] value = "secret".getBytes(StandardCharsets.US_ASCII);
        for (int offset = 0; offset < 3; offset++) {
            String core = SecretEncodings.base64Core(value, offset);
            for (int filler = 0; filler < 256; filler += 51) {
                byte[] text = new byte[offset + value.length + 2];
                java.util.Arrays.fill(text, (byte) filler);
                System.arraycopy(value, 0, text, offset, value.length);
                assertThat(Base64.getEncoder().encodeToString(text)).as("offset %d filler %d", offset, filler).contains(core);
            }
        }
    }

    @Test
    void a_leak_marks_the_folder_without_the_value() throws IOException {
        plant("verdicts.json", "{\"release\": \"" + TOKEN + "\"}");
        List<SecretScan.Finding> findings = SecretScan.of(List.of(SECRET), null).scan(folder);

        SecretScan.markLeak(folder, findings);

        String marker = Files.readString(folder.resolve(SecretScan.LEAK_MARKER));
        assertThat(marker).contains("NOT sealed").contains("verdicts.json: secret 'api-token'").doesNotContain(TOKEN);
    }

    private void plant(String name, String content) throws IOException {
        Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }
}
