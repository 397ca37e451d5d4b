package io.npsloop.gateway.client;

import io.npsloop.gateway.model.Funnel;
import io.npsloop.gateway.model.Promoter;

/** Shapes of referral-service answers that differ from the GraphQL types. */
public final class ReferralJson {

    private ReferralJson() {
    }

    /** An item of {@code GET /api/v1/promoters}: the promoter plus (optionally) its funnel. */
    public record PromoterItem(String code, String displayName, String storeId, String shareUrl, String qrSvgUrl,
            String qrPngUrl, String posterUrl, Funnel funnel) {

        public Promoter toPromoter() {
            return new Promoter(code, displayName, storeId, shareUrl, qrSvgUrl, qrPngUrl, posterUrl);
        }
    }

    /** An item of {@code GET /api/v1/funnels?code=…}: a funnel, with its {@code code} when the service names it. */
    public record CodeFunnel(String code, int clicks, int uniqueVisitors, int bookings, int conversions, int rewardsCents) {

        public Funnel toFunnel() {
            return new Funnel(clicks, uniqueVisitors, bookings, conversions, rewardsCents);
        }
    }
}
