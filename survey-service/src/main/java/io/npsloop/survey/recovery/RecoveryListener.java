package io.npsloop.survey.recovery;

import io.npsloop.survey.common.Tx;
import io.npsloop.survey.recovery.passive.PassiveService;
import io.npsloop.survey.response.ResponseListener;
import io.npsloop.survey.response.StoredResponse;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Inside the response transaction: a 0–6 opens a recovery case, a 7–8 goes on the passive worklist. */
@ApplicationScoped
public class RecoveryListener implements ResponseListener {

    private final Tx tx;
    private final CaseService cases;
    private final PassiveService passives;
    private final RecoveryConfig config;
    private final Clock clock;

    RecoveryListener(Tx tx, CaseService cases, PassiveService passives, RecoveryConfig config, Clock clock) {
        this.tx = tx;
        this.cases = cases;
        this.passives = passives;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Uni<Void> onResponseStored(StoredResponse r) {
        if (r.score() <= 6) {
            return cases.open(tx.current(), r);
        }
        if (r.score() <= 8) {
            return passives.add(tx.current(), r);
        }
        return Uni.createFrom().voidItem();
    }

    /**
     * An import batch: its recent detractors' cases and recent passives' tasks each in one statement; answers older
     * than {@code npsloop.recovery.import-window} are history and open neither.
     */
    @Override
    public Uni<Void> onResponsesStored(List<StoredResponse> rs) {
        Instant since = clock.instant().minus(config.importWindow());
        List<StoredResponse> recent = rs.stream().filter(r -> r.answeredAt() != null && r.answeredAt().isAfter(since)).toList();
        List<StoredResponse> detractors = recent.stream().filter(r -> r.score() <= 6).toList();
        List<StoredResponse> passive = recent.stream().filter(r -> r.score() == 7 || r.score() == 8).toList();
        return cases.openAll(tx.current(), detractors).flatMap(x -> passives.addAll(tx.current(), passive));
    }
}
