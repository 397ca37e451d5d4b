package io.npsloop.gateway.client;

import io.npsloop.gateway.model.SegmentFilter;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.Collection;

/** Builds the services' query strings: filters as repeatable parameters (storeId=S01&storeId=S02). */
public final class Params {

    private final MultivaluedMap<String, String> params = new MultivaluedHashMap<>();

    public static Params create() {
        return new Params();
    }

    public Params add(String name, Object value) {
        if (value != null) {
            params.add(name, value.toString());
        }
        return this;
    }

    public Params addAll(String name, Collection<?> values) {
        if (values != null) {
            values.forEach(v -> add(name, v instanceof Enum<?> e ? e.name() : v));
        }
        return this;
    }

    public Params filter(SegmentFilter f) {
        if (f == null) {
            return this;
        }
        return addAll("storeId", f.storeIds()).addAll("regionId", f.regionIds()).addAll("serviceType", f.serviceTypes())
                .addAll("paymentType", f.paymentTypes()).addAll("visitKind", f.visitKinds()).addAll("tenure", f.tenures())
                .addAll("locality", f.localities()).addAll("spendBand", f.spendBands()).addAll("ageBand", f.ageBands())
                .addAll("gender", f.genders()).addAll("occupation", f.occupations()).addAll("channel", f.channels());
    }

    public MultivaluedMap<String, String> build() {
        return params;
    }
}
