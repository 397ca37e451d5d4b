package io.npsloop.gateway.api;

import io.npsloop.gateway.model.Funnel;
import jakarta.enterprise.context.RequestScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Funnels that came embedded in this request's promoter list, so Promoter.funnel asks only for the missing ones. */
@RequestScoped
public class FunnelCache {

    private final Map<String, Funnel> byCode = new ConcurrentHashMap<>();

    void put(String code, Funnel funnel) {
        if (code != null && funnel != null) {
            byCode.put(code, funnel);
        }
    }

    Funnel get(String code) {
        return byCode.get(code);
    }
}
