package io.npsloop.launcher;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseTest {

    @Test
    void libpqStyleUrl() {
        Database db = Database.external("postgresql://npsloop:s%40cret@db.internal:6543/admin");
        assertEquals("npsloop", db.user());
        assertEquals("s@cret", db.password());
        assertEquals("jdbc:postgresql://db.internal:6543/npsloop_survey", db.jdbcUrl("npsloop_survey"));
        assertEquals("postgresql://db.internal:6543/npsloop_survey", db.reactiveUrl("npsloop_survey"));
        assertTrue(db.describe().startsWith("postgresql://npsloop@db.internal:6543/admin"), "no password shown");
    }

    @Test
    void jdbcUrlWithCredentialsInTheQueryAndDefaults() {
        Database db = Database.external("jdbc:postgresql://localhost/postgres?user=pg&password=pw");
        assertEquals("pg", db.user());
        assertEquals("pw", db.password());
        assertEquals("jdbc:postgresql://localhost:5432/x", db.jdbcUrl("x"));

        Database bare = Database.external("postgres://host.example");
        assertEquals("postgres", bare.user());
        assertEquals("jdbc:postgresql://host.example:5432/y", bare.jdbcUrl("y"));
    }

    @Test
    void nonsenseIsRejectedWithTheReason() {
        for (String bad : new String[]{"nonsense", "mysql://h:3306/db", "postgresql:///nohost", "http://[bad"}) {
            LauncherException e = assertThrows(LauncherException.class, () -> Database.external(bad), bad);
            assertTrue(e.getMessage().startsWith("NPSLOOP_DB_URL"), e.getMessage());
        }
    }

    @Test
    void unreachableServerIsAOneLineError() {
        Database db = Database.external("postgresql://u:p@127.0.0.1:1/x");
        LauncherException e = assertThrows(LauncherException.class, () -> db.ensureDatabases(java.util.List.of("a")));
        assertTrue(e.getMessage().contains("127.0.0.1:1") && !e.getMessage().contains("\n"), e.getMessage());
    }
}
