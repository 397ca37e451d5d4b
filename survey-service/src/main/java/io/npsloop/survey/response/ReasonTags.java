package io.npsloop.survey.response;

import java.util.List;

/** The reason tags of contracts.md, in page order. */
public final class ReasonTags {

    public static final List<String> ALL = List.of("WAIT_TIME", "PRICE", "REPAIR_QUALITY", "ATTITUDE", "TRANSPARENCY",
            "PROFESSIONALISM", "CLEANLINESS", "COMMUNICATION", "PARTS", "OTHER");

    private ReasonTags() {
    }
}
