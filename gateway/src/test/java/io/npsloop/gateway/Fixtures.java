package io.npsloop.gateway;

import java.util.ArrayList;
import java.util.List;

/** JSON the mocked services answer, in the shapes pinned in DEVELOPERS.md. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String nps(double value, int n) {
        return """
                {"value": %s, "n": %d, "promoters": 70, "passives": 31, "detractors": 19, "promoterShare": 58.3,
                 "passiveShare": 25.8, "detractorShare": 15.8, "marginOfError": 12.1, "intervalLow": 30.1,
                 "intervalHigh": 53.0, "suppressed": false}""".formatted(value, n);
    }

    public static String metric(double value, double previous) {
        return """
                {"value": %s, "previous": %s, "delta": %s, "significant": false}""".formatted(value, previous,
                Math.round((value - previous) * 10) / 10.0);
    }

    public static String dashboard(String week, double nps) {
        return """
                {"week": "%s", "nps": %s, "verifiedNps": %s, "authenticityRate": 0.93,
                 "overallNps": %s, "promoterShare": %s, "passiveShare": %s, "detractorShare": %s,
                 "newCustomerNps": %s, "oldCustomerNps": %s, "maintenanceNps": %s, "repairNps": %s,
                 "detractorGrowth": %s, "avgFirstContactMinutes": %s, "recoveryRate": %s,
                 "secondaryDetractorRate": %s, "coverage": %s, "responseRate": %s,
                 "warnings": [{"kind": "SEGMENT_DROP", "dimension": "SERVICE_TYPE", "segment": "REPAIR",
                   "message": "维修NPS下降", "value": 45.0, "previous": 53.0, "delta": -8.0, "z": -2.3}],
                 "topDetractorReasons": [{"reason": "REPAIR_QUALITY", "count": 3, "share": 50.0},
                   {"reason": "WAIT_TIME", "count": 2, "share": 33.3}]}""".formatted(week, nps(nps, 120),
                nps(nps - 21, 110), metric(nps, nps - 3), metric(78, 76), metric(19, 20), metric(3, 4), metric(68, 70),
                metric(76, 71), metric(80, 79), metric(45, 53), metric(-1, 2), metric(42, 55), metric(67, 60),
                metric(5, 6), metric(81, 80), metric(64, 63));
    }

    public static String caseJson(String id, String storeId, String stage) {
        return """
                {"id": "%s", "storeId": "%s", "responseId": "r-%s", "score": 3, "stage": "%s", "status": "OPEN",
                 "overdue": false, "openedAt": "2026-11-23T10:00:00+08:00", "dueAt": "2026-11-23T11:00:00+08:00",
                 "ownerRole": "STORE_MANAGER", "customer": {"name": "王先生", "phone": "13800000000"},
                 "comment": "等太久了", "reasons": ["WAIT_TIME"]}""".formatted(id, storeId, id, stage);
    }

    public static String casePage(int count, String next, String... stores) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(caseJson("C" + i, stores[i % stores.length], "FIRST_CONTACT"));
        }
        return "{\"items\": [" + String.join(",", items) + "], \"next\": " + (next == null ? "null" : "\"" + next + "\"") + "}";
    }

    public static String store(String id, String region) {
        return """
                {"id": "%s", "name": "门店%s", "city": "上海", "regionId": "%s", "status": "ACTIVE",
                 "networks": [], "alertRecipients": {}}""".formatted(id, id, region);
    }

    public static String storePage(String... idsAndRegions) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < idsAndRegions.length; i += 2) {
            items.add(store(idsAndRegions[i], idsAndRegions[i + 1]));
        }
        return "{\"items\": [" + String.join(",", items) + "], \"next\": null}";
    }

    public static String promoter(String code, String storeId, boolean withFunnel) {
        return """
                {"code": "%s", "displayName": "张*", "storeId": "%s", "shareUrl": "http://x/r/%s",
                 "qrSvgUrl": "/api/v1/referrals/%s/qr.svg", "qrPngUrl": "/api/v1/referrals/%s/qr.png",
                 "posterUrl": "/api/v1/referrals/%s/poster.png"%s}""".formatted(code, storeId, code, code, code, code,
                withFunnel ? ", \"funnel\": {\"clicks\": 9, \"uniqueVisitors\": 7, \"bookings\": 3, \"conversions\": 2, \"rewardsCents\": 10000}" : "");
    }

    public static String funnel(String code, int clicks) {
        return """
                {"code": "%s", "clicks": %d, "uniqueVisitors": 5, "bookings": 2, "conversions": 1, "rewardsCents": 5000}"""
                .formatted(code, clicks);
    }

    public static String reward(String id, String storeId, String status) {
        return """
                {"id": "%s", "code": "K%s", "storeId": "%s", "amountCents": 5000, "status": "%s",
                 "createdAt": "2026-11-20T10:00:00+08:00"}""".formatted(id, id, storeId, status);
    }

    public static String page(List<String> items, String next) {
        return "{\"items\": [" + String.join(",", items) + "], \"next\": " + (next == null ? "null" : "\"" + next + "\"") + "}";
    }
}
