package io.ringsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EditDistanceTest {

    @ParameterizedTest
    @CsvSource({"token,token,0", "tokn,token,1", "levle,level,1", "token,totem,2", "'',abc,3", "kitten,sitting,3"})
    void distances(String a, String b, int expected) {
        assertEquals(expected, EditDistance.between(a, b));
        assertEquals(expected, EditDistance.between(b, a));
    }
}
