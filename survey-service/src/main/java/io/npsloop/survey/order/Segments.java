package io.npsloop.survey.order;

import io.npsloop.survey.config.NpsloopConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/** Segment attributes of an order (README table), derived once at intake and carried by every event. */
public final class Segments {

    private Segments() {
    }

    public static String spendBand(long amountCents, long midFromCents, long highFromCents) {
        if (amountCents >= highFromCents) {
            return "HIGH";
        }
        return amountCents >= midFromCents ? "MID" : "LOW";
    }

    /** NEW under 6 months, MID 6-12, OLD over 12; null when unknown. */
    public static String tenure(Integer months) {
        if (months == null) {
            return null;
        }
        if (months < 6) {
            return "NEW";
        }
        return months <= 12 ? "MID" : "OLD";
    }

    public static Map<String, Object> of(OrderInput o, String regionId, NpsloopConfig.SpendBand bands) {
        OrderInput.Customer c = o.customer();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("storeId", o.storeId());
        m.put("regionId", regionId);
        m.put("advisorId", o.advisorId());
        m.put("technicianId", o.technicianId());
        m.put("serviceType", o.serviceType().name());
        m.put("paymentType", o.paymentType().name());
        m.put("visitKind", o.visitKind().name());
        m.put("tenure", tenure(c.tenureMonths()));
        m.put("locality", c.locality() == null ? null : c.locality().name());
        m.put("regionCode", c.regionCode());
        m.put("spendBand", spendBand(o.amountCents(), bands.midFromCents(), bands.highFromCents()));
        m.put("ageBand", c.ageBand());
        m.put("gender", c.gender());
        m.put("occupation", c.occupation());
        m.put("amountCents", o.amountCents());
        return m;
    }
}
