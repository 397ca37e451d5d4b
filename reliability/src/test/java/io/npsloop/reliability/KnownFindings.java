package io.npsloop.reliability;

/**
 * Service bugs these tests found that belong to other modules' owners (reliability/FINDINGS.md). Each entry
 * narrows one assertion; delete the entry when its finding is fixed so the assertion is whole again.
 * F1, F3, F4 and F6 were fixed on main (0ceffda) and their entries removed.
 */
final class KnownFindings {
    private KnownFindings() {
    }

    /**
     * F5: requests the HTTP layer turns away before the application (URI longer than Vert.x' 4 KiB initial line:
     * 414; analytics' body limit: 413) get a bare status without problem+json.
     */
    static boolean bareHttpLayer(Http.Resp r) {
        return (r.status() == 414 || r.status() == 413 || r.status() == 431) && (r.body() == null || r.body().isEmpty());
    }
}
