package io.ringsync.node.cmap;

import java.util.Locale;
import java.util.Optional;

/**
 * The value types of the runtime database, with corosync-cmapctl's names: signed and unsigned
 * integers of 8 to 64 bits, single and double precision floats, strings and binary. Integer types
 * carry their range; a value outside it is refused, not wrapped.
 */
public enum CmapType {
    /** Signed 8-bit integer. */
    I8("i8", Byte.MIN_VALUE, Byte.MAX_VALUE),
    /** Unsigned 8-bit integer. */
    U8("u8", 0, 0xFF),
    /** Signed 16-bit integer. */
    I16("i16", Short.MIN_VALUE, Short.MAX_VALUE),
    /** Unsigned 16-bit integer. */
    U16("u16", 0, 0xFFFF),
    /** Signed 32-bit integer. */
    I32("i32", Integer.MIN_VALUE, Integer.MAX_VALUE),
    /** Unsigned 32-bit integer. */
    U32("u32", 0, 0xFFFF_FFFFL),
    /** Signed 64-bit integer. */
    I64("i64", Long.MIN_VALUE, Long.MAX_VALUE),
    /** Unsigned 64-bit integer: held in a long's 64 bits, shown unsigned. */
    U64("u64", 0, -1),
    /** Single precision float. */
    FLT("flt", 0, 0),
    /** Double precision float. */
    DBL("dbl", 0, 0),
    /** UTF-8 string. */
    STR("str", 0, 0),
    /** Bytes. */
    BIN("bin", 0, 0);

    private final String word;
    private final long min;
    private final long max;

    CmapType(String word, long min, long max) {
        this.word = word;
        this.min = min;
        this.max = max;
    }

    /** cmapctl's name of the type: {@code u32}, {@code str}... */
    public String word() {
        return word;
    }

    /** True for the eight integer types. */
    public boolean integer() {
        return ordinal() <= U64.ordinal();
    }

    /** True for u8..u64. */
    public boolean unsigned() {
        return this == U8 || this == U16 || this == U32 || this == U64;
    }

    /** Whether {@code value} (for U64: its unsigned bits) lies in this integer type's range. */
    boolean inRange(long value) {
        return this == U64 || this == I64 || (value >= min && value <= max);
    }

    /** Smallest value, for messages. */
    String rangeText() {
        if (this == U64) {
            return "0.." + Long.toUnsignedString(-1L);
        }
        return min + ".." + max;
    }

    /** The type named {@code word} (case-insensitive), or empty. */
    public static Optional<CmapType> of(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        for (CmapType type : values()) {
            if (type.word.equals(lower)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Every type's word, for messages: {@code i8, u8, ..., bin}. */
    public static String words() {
        StringBuilder text = new StringBuilder();
        for (CmapType type : values()) {
            text.append(text.length() == 0 ? "" : ", ").append(type.word);
        }
        return text.toString();
    }
}
