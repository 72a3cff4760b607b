package nl.logius.platformacceptance.verdict;

/** The provenance block of {@code knelpunten.md}: who ran it, the digests of its inputs, its seal and calibration. */
final class ProvenanceMarkdown {

    private ProvenanceMarkdown() {
    }

    static String render(Provenance provenance) {
        if (provenance == null) {
            return "";
        }
        StringBuilder md = new StringBuilder("<details><summary>Provenance</summary>\n\n");
        Provenance.CiJob ci = provenance.operator().ci();
        md.append("- Run by: ").append(provenance.operator().user()).append(" on ").append(provenance.operator().host())
                .append(ci == null ? " (by hand)" : ", CI " + ci.system() + " job " + ci.job() + (ci.url() == null ? "" : " " + ci.url()))
                .append('\n');
        md.append("- Target: ").append(provenance.target().name()).append(" (").append(provenance.target().kind())
                .append("), profile `").append(provenance.target().profile()).append("` sha256 `")
                .append(provenance.target().sha256()).append("`\n");
        md.append("- Register: `").append(provenance.register().path()).append("` sha256 `").append(provenance.register().sha256()).append("`\n");
        md.append("- Probe image: `").append(Provenance.ProbeImage.describe(provenance.probeImage())).append("`\n");
        md.append("- Checks selected: ").append(provenance.checks().size()).append('\n');
        md.append("- Sealed with Ed25519 key `").append(provenance.signing().keyId()).append("` (").append(provenance.signing().origin())
                .append("); check with `./platform-acceptance verify <this folder>` or the commands in docs/evidence-bundle.md\n");
        Provenance.Calibration calibration = provenance.calibration();
        md.append("- Calibration relied on: ").append(calibration.isLinked()
                ? "[" + calibration.path() + "](" + calibration.path() + "/calibration.md) " + calibration.describe().substring(calibration.path().length() + 1)
                : calibration.describe()).append('\n');
        md.append("\n</details>\n\n");
        return md.toString();
    }
}
