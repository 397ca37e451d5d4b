package io.npsloop.gateway.api;

import io.npsloop.gateway.client.SurveyClient;
import io.npsloop.gateway.model.Store;
import io.npsloop.gateway.security.CurrentCaller;
import io.smallrye.mutiny.Uni;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** One bulk {@code GET /api/v1/stores?ids=…} (distinct ids) for a whole list of sources, answered in source order. */
final class StoreBatch {

    private StoreBatch() {
    }

    static Uni<List<Store>> load(SurveyClient survey, CurrentCaller current, List<String> storeIds) {
        return Resolve.run(SurveyClient.SERVICE, null, () -> {
            List<String> distinct = List.copyOf(new LinkedHashSet<>(storeIds));
            if (distinct.isEmpty()) {
                return Uni.createFrom().item(storeIds.stream().map(id -> (Store) null).toList());
            }
            return survey.storesByIds(current.get().bearer(), distinct).map(page -> {
                Map<String, Store> byId = new HashMap<>();
                page.items().forEach(s -> {
                    if (s != null) {
                        byId.put(s.id(), s);
                    }
                });
                return storeIds.stream().map(byId::get).toList();
            });
        });
    }
}
