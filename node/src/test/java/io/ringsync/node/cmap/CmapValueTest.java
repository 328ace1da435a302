package io.ringsync.node.cmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing and printing of every type as cmapctl takes and shows them, and the range checks. */
class CmapValueTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "i8, -128, -128", "i8, 127, 127", "u8, 255, 255", "i16, -32768, -32768", "u16, 65535, 65535",
        "i32, -2147483648, -2147483648", "u32, 4294967295, 4294967295", "i64, -9223372036854775808, -9223372036854775808",
        "u64, 18446744073709551615, 18446744073709551615", "u64, 0, 0", "flt, 1.5, 1.500000", "dbl, 3.25, 3.250000",
        "str, hello world, hello world", "bin, 00ff10, 00ff10"})
    void parsesAndPrints(String type, String text, String printed) {
        CmapValue value = CmapValue.parse(CmapType.of(type).orElseThrow(), text);
        assertEquals(printed, value.text());
        assertEquals(type, value.type().word());
    }

    @ParameterizedTest(name = "{0} {1} refused")
    @CsvSource({"i8, 128", "i8, -129", "u8, -1", "u8, 256", "u16, 65536", "i32, 2147483648", "u32, -1",
        "u32, 4294967296", "u64, -1", "u64, 18446744073709551616", "i64, 9223372036854775808", "u32, abc",
        "flt, 1e39", "dbl, NaN", "dbl, Infinity", "bin, abc", "bin, zz"})
    void refusesOutOfRangeAndMalformed(String type, String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CmapValue.parse(CmapType.of(type).orElseThrow(), text));
        assertTrue(e.getMessage().contains(text) || e.getMessage().contains(type), e.getMessage());
    }

    @Test
    void equalityIsTypeAndContent() {
        assertEquals(CmapValue.u32(5), CmapValue.parse(CmapType.U32, "5"));
        assertNotEquals(CmapValue.u32(5), CmapValue.integer(CmapType.U64, 5));
        assertEquals(CmapValue.bin(new byte[] {1, 2}), CmapValue.bin(new byte[] {1, 2}));
        assertEquals("(u32) 5", CmapValue.u32(5).toString());
        assertEquals(4, CmapValue.u32(5).length());
        assertEquals(5, CmapValue.str("héllo").length() - 1);
    }

    @Test
    void typesByWordAndAccessorsByType() {
        assertEquals(CmapType.U32, CmapType.of("U32").orElseThrow());
        assertTrue(CmapType.of("int").isEmpty());
        assertEquals("i8, u8, i16, u16, i32, u32, i64, u64, flt, dbl, str, bin", CmapType.words());
        assertThrows(IllegalStateException.class, () -> CmapValue.str("x").asLong());
        assertEquals("18446744073709551615", CmapValue.u64(-1).asBigInteger().toString());
    }
}
