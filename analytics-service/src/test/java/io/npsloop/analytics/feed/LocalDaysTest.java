package io.npsloop.analytics.feed;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LocalDaysTest {

    @Test
    void theCachedDayIsTheParsedDayInEveryKindOfZone() {
        Random random = new Random(42);
        List<ZoneOffset> offsets = List.of(ZoneOffset.UTC, ZoneOffset.ofHours(8), ZoneOffset.ofHours(-5),
                ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHoursMinutes(-9, -30), ZoneOffset.ofHoursMinutes(5, 45));
        // no DST; DST at 02:00 local; DST shifting by 30 minutes; a half-hour offset; a 45-minute offset
        for (String zoneId : List.of("Asia/Shanghai", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "Asia/Kathmandu")) {
            ZoneId zone = ZoneId.of(zoneId);
            LocalDays days = new LocalDays(zone);
            Instant t = Instant.parse("2026-03-01T00:00:00Z");
            for (int i = 0; i < 40_000; i++) {
                // time order with small steps across DST changes and midnights, as a feed's events come
                t = t.plus(Duration.ofSeconds(random.nextInt(1_200)));
                OffsetDateTime at = t.atOffset(offsets.get(random.nextInt(offsets.size())));
                String text = random.nextBoolean() ? at.toString() : at.withNano(random.nextInt(1_000_000_000)).toString();
                LocalDate expected = OffsetDateTime.parse(text).atZoneSameInstant(zone).toLocalDate();
                assertEquals(expected, days.of(text), zoneId + " " + text);
            }
        }
    }

    @Test
    void theHourKeyKeepsTheOffsetAndRefusesOtherShapes() {
        assertEquals("2026-08-01T10+08:00", LocalDays.hourKey("2026-08-01T10:15:42.123+08:00"));
        assertEquals("2026-08-01T10Z", LocalDays.hourKey("2026-08-01T10:15:42Z"));
        assertEquals("2026-08-01T10-05:00", LocalDays.hourKey("2026-08-01T10:15:42-05:00"));
        assertNull(LocalDays.hourKey("2026-08-01T10:15+08:00"));      // no seconds: parsed each time
        assertNull(LocalDays.hourKey("2026-08-01T10:75:00+08:00"));   // minute out of range
        assertNull(LocalDays.hourKey("2026-08-01T10:15:42.+08:00"));  // empty fraction
        assertNull(LocalDays.hourKey("2026-08-01 10:15:42+08:00"));
        assertNull(LocalDays.hourKey(null));
    }

    @Test
    void aBadTimestampFailsEvenWhenItsHourIsCached() {
        LocalDays days = new LocalDays(ZoneId.of("Asia/Shanghai"));
        assertEquals(LocalDate.of(2026, 8, 1), days.of("2026-08-01T10:15:42+08:00"));
        assertThrows(DateTimeParseException.class, () -> days.of("2026-08-01T10:75:42+08:00"));
        assertThrows(DateTimeParseException.class, () -> days.of("2026-08-01T10:15:42.x+08:00"));
    }
}
