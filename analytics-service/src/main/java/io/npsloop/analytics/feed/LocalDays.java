package io.npsloop.analytics.feed;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The day of an event's timestamp in the chain's zone. Parsing with java.time was ~10 % of the service's CPU while
 * catching up; the day is cached per hour of the timestamp where that is exact, and a feed's events come in time
 * order, so an hour of events costs one parse.
 */
final class LocalDays {

    private static final int CACHE_SIZE = 16_384;

    private final ZoneId zone;
    private final Map<String, LocalDate> byHour = new ConcurrentHashMap<>();

    LocalDays(ZoneId zone) {
        this.zone = zone;
    }

    /** The day of an ISO offset date-time in the chain's zone. */
    LocalDate of(String text) {
        String hour = hourKey(text);
        LocalDate cached = hour == null ? null : byHour.get(hour);
        if (cached != null) {
            return cached;
        }
        OffsetDateTime t = OffsetDateTime.parse(text);
        LocalDate local = t.atZoneSameInstant(zone).toLocalDate();
        if (hour != null && sameDayAllHour(t)) {
            if (byHour.size() >= CACHE_SIZE) {
                byHour.clear();
            }
            byHour.put(hour, local);
        }
        return local;
    }

    /**
     * Whether every instant of {@code t}'s hour (in its own offset) falls on the same day in the chain's zone: true
     * when the text's offset is whole hours and the zone's offset is whole hours and the same at both ends of that
     * hour (every zone without a half-hour offset, DST changes included, which happen on the hour).
     */
    private boolean sameDayAllHour(OffsetDateTime t) {
        if (t.getOffset().getTotalSeconds() % 3600 != 0) {
            return false;
        }
        Instant start = t.truncatedTo(ChronoUnit.HOURS).toInstant();
        ZoneOffset first = zone.getRules().getOffset(start);
        return first.getTotalSeconds() % 3600 == 0 && first.equals(zone.getRules().getOffset(start.plusSeconds(3599)));
    }

    /**
     * "2026-08-01T10:15:42.123+08:00" → "2026-08-01T10+08:00": the part of an ISO offset date-time that decides its
     * day in the chain's zone (see {@link #sameDayAllHour}), or null for any other shape, including minutes or
     * seconds out of range — then the text is parsed every time and a bad one fails as it would without the cache.
     */
    static String hourKey(String text) {
        if (text == null || text.length() < 20 || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':' || !sexagesimal(text, 14) || !sexagesimal(text, 17)) {
            return null;
        }
        int end = text.charAt(text.length() - 1) == 'Z' ? text.length() - 1
                : Math.max(text.lastIndexOf('+'), text.lastIndexOf('-'));
        if (end < 19) {
            return null;
        }
        if (end > 19) { // a fraction: '.' and 1-9 digits
            if (text.charAt(19) != '.' || end - 20 < 1 || end - 20 > 9) {
                return null;
            }
            for (int i = 20; i < end; i++) {
                if (!Character.isDigit(text.charAt(i)) || text.charAt(i) > '9') {
                    return null;
                }
            }
        }
        return text.substring(0, 13) + text.substring(end);
    }

    private static boolean sexagesimal(String text, int at) {
        char tens = text.charAt(at);
        char ones = text.charAt(at + 1);
        return tens >= '0' && tens <= '5' && ones >= '0' && ones <= '9';
    }
}
