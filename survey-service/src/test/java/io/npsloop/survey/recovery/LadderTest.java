package io.npsloop.survey.recovery;

import io.npsloop.survey.recovery.alert.Signatures;
import io.npsloop.survey.recovery.passive.PassiveClassifier;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.npsloop.survey.recovery.passive.PassiveClassifier.Type.ECONOMIC;
import static io.npsloop.survey.recovery.passive.PassiveClassifier.Type.EMOTIONAL;
import static io.npsloop.survey.recovery.passive.PassiveClassifier.Type.LAZY;
import static io.npsloop.survey.recovery.passive.PassiveClassifier.Type.RATIONAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pure rules: ladder, severity matrix, passive typing, signatures. */
class LadderTest {

    @Test
    void escalationClimbsOneRoleAndStopsAtTheGeneralManager() {
        assertEquals("TECHNICAL_DIRECTOR", Ladder.next("STORE_MANAGER"));
        assertEquals("SERVICE_DIRECTOR", Ladder.next("TECHNICAL_DIRECTOR"));
        assertEquals("GENERAL_MANAGER", Ladder.next("SERVICE_DIRECTOR"));
        assertEquals("GENERAL_MANAGER", Ladder.next("GENERAL_MANAGER"));
    }

    @Test
    void severityMatrix() {
        assertEquals("STORE_MANAGER", Ladder.owner("TECHNICAL", "INDIVIDUAL"));
        assertEquals("TECHNICAL_DIRECTOR", Ladder.owner("TECHNICAL", "MULTIPLE"));
        assertEquals("SERVICE_DIRECTOR", Ladder.owner("ATTITUDE", "INDIVIDUAL"));
        assertEquals("GENERAL_MANAGER", Ladder.owner("ATTITUDE", "MULTIPLE"));
        assertEquals("SERVICE_DIRECTOR", Ladder.higher("SERVICE_DIRECTOR", "STORE_MANAGER"));
        assertEquals("GENERAL_MANAGER", Ladder.higher("TECHNICAL_DIRECTOR", "GENERAL_MANAGER"));
    }

    @Test
    void passiveTypes() {
        assertEquals(ECONOMIC, PassiveClassifier.classify(List.of("PRICE"), Map.of(), null));
        assertEquals(ECONOMIC, PassiveClassifier.classify(List.of("WAIT_TIME", "PARTS", "ATTITUDE"), Map.of(), null));
        assertEquals(EMOTIONAL, PassiveClassifier.classify(List.of("ATTITUDE"), Map.of(), null));
        assertEquals(EMOTIONAL, PassiveClassifier.classify(List.of("COMMUNICATION", "WAIT_TIME"), Map.of(), null));
        assertEquals(RATIONAL, PassiveClassifier.classify(List.of("REPAIR_QUALITY"), Map.of("care", 1), null));
        assertEquals(EMOTIONAL, PassiveClassifier.classify(List.of(), Map.of("care", 3, "professionalism", 4), null));
        assertEquals(ECONOMIC, PassiveClassifier.classify(List.of(), Map.of("transparency", 2, "responseSpeed", 4), null));
        assertEquals(RATIONAL, PassiveClassifier.classify(List.of(), Map.of("responseSpeed", 3, "care", 4), null));
        assertEquals(EMOTIONAL, PassiveClassifier.classify(List.of(), Map.of("care", 4, "transparency", 4), null));
        assertEquals(LAZY, PassiveClassifier.classify(List.of(), Map.of(), null));
        assertEquals(LAZY, PassiveClassifier.classify(null, null, "  "));
        assertEquals(RATIONAL, PassiveClassifier.classify(List.of(), Map.of(), "还可以"));
        assertEquals("VEHICLE_HEALTH_REPORT", RATIONAL.action);
        assertEquals("ADDED_VALUE_SERVICE", ECONOMIC.action);
        assertEquals("HUMAN_TOUCH", EMOTIONAL.action);
        assertEquals("REFERRAL_QR", LAZY.action);
    }

    @Test
    void signaturesVerifyOnlyTheSignedBody() {
        String sig = Signatures.sign("k", 1700000000L, "{\"a\":1}");
        assertTrue(sig.matches("t=1700000000,v1=[0-9a-f]{64}"));
        assertTrue(Signatures.verify("k", sig, "{\"a\":1}"));
        assertFalse(Signatures.verify("k", sig, "{\"a\":2}"));
        assertFalse(Signatures.verify("other", sig, "{\"a\":1}"));
        assertFalse(Signatures.verify("k", null, "{}"));
        assertFalse(Signatures.verify("k", "garbage", "{}"));
    }
}
