package nl.logius.platformacceptance.verdict;

/** The provenance block of {@code knelpunten.md}: who ran it, the digests of its inputs, its seal and calibration. */
final class ProvenanceMarkdown {

    private ProvenanceMarkdown() {
    }

    private static String copy(String copy) {
        return copy == null ? "" : ", copied as [" + copy + "](" + copy + ")";
    }

    static String render(Provenance provenance) {
        if (provenance == null) {
            return "";
        }
        StringBuilder md = new StringBuilder("<details><summary>Provenance</summary>\n\n");
        md.append("- Run by: ").append(provenance.operator().describe()).append('\n');
        md.append("- Target: ").append(provenance.target().name()).append(" (").append(provenance.target().kind())
                .append("), profile `").append(provenance.target().profile()).append("` sha256 `")
                .append(provenance.target().sha256()).append('`').append(copy(provenance.target().copy())).append('\n');
        md.append("- Register: `").append(provenance.register().path()).append("` sha256 `").append(provenance.register().sha256())
                .append('`').append(copy(provenance.register().copy())).append('\n');
        if (provenance.waivers() != null) {
            md.append("- Waivers: ").append(provenance.waivers().sha256() == null ? provenance.waivers().note()
                    : "`" + provenance.waivers().path() + "` sha256 `" + provenance.waivers().sha256() + "`" + copy(provenance.waivers().copy()))
                    .append('\n');
        }
        if (provenance.harness().build() != null) {
            md.append("- Harness build: ").append(provenance.harness().build().describe()).append('\n');
        }
        md.append("- Probe image: `").append(Provenance.ProbeImage.describe(provenance.probeImage())).append("`\n");
        md.append("- Checks selected: ").append(provenance.checks().size()).append('\n');
        if (!provenance.capabilities().isEmpty()) {
            // the same list preflight prints: what the checks need of the target, as found when the run started
            md.append("- Capabilities found at the start:\n");
            provenance.capabilities().forEach(capability -> md.append("  - ").append(capability.name()).append(": **")
                    .append(capability.status()).append("** (").append(capability.detail()).append(")\n"));
        }
        md.append("- Sealed with Ed25519 key `").append(provenance.signing().keyId()).append("` (").append(provenance.signing().origin())
                .append("); check with `./platform-acceptance verify <this folder> --trusted-keys FILE` or the commands in"
                        + " docs/evidence-bundle.md\n");
        Provenance.Calibration calibration = provenance.calibration();
        // The copy carried in this folder, so that the link holds when the run folder is archived on its own.
        String report = (calibration.carried() != null ? calibration.carried() : calibration.path()) + "/calibration.md";
        md.append("- Calibration relied on: ").append(calibration.isLinked()
                ? calibration.describe() + " ([calibration.md](" + report + "))" : calibration.describe()).append('\n');
        md.append("\n</details>\n\n");
        return md.toString();
    }
}
