package io.ringsync.node.cmap;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One typed value of the runtime database (immutable). Integers are held in a {@code long} (a u64
 * in its 64 bits), floats in a {@code double} (a flt already rounded to single precision), strings
 * as themselves, binary as a private copy. Two values are equal when type and content are: setting
 * a key to an equal value changes nothing and notifies no tracker, as icmap does.
 */
public final class CmapValue {

    private final CmapType type;
    private final long integer;
    private final double real;
    private final String text;
    private final byte[] bytes;

    private CmapValue(CmapType type, long integer, double real, String text, byte[] bytes) {
        this.type = type;
        this.integer = integer;
        this.real = real;
        this.text = text;
        this.bytes = bytes;
    }

    /** An integer of {@code type}; {@link IllegalArgumentException} when out of its range. */
    public static CmapValue integer(CmapType type, long value) {
        if (!type.integer()) {
            throw new IllegalArgumentException(type.word() + " is not an integer type");
        }
        if (!type.inRange(value)) {
            throw new IllegalArgumentException(value + " is out of range for " + type.word() + " (" + type.rangeText() + ")");
        }
        return new CmapValue(type, value, 0, null, null);
    }

    /** A u32, the type of most counters and timers of the config. */
    public static CmapValue u32(long value) {
        return integer(CmapType.U32, value);
    }

    /** A u64, the type of Totem's counters. */
    public static CmapValue u64(long value) {
        return integer(CmapType.U64, value);
    }

    /** A u8. */
    public static CmapValue u8(int value) {
        return integer(CmapType.U8, value);
    }

    /** A u8 of 0 or 1, the type of the config's yes/no keys. */
    public static CmapValue flag(boolean value) {
        return integer(CmapType.U8, value ? 1 : 0);
    }

    /** A flt (rounded to single precision) or a dbl. */
    public static CmapValue real(CmapType type, double value) {
        if (type != CmapType.FLT && type != CmapType.DBL) {
            throw new IllegalArgumentException(type.word() + " is not a float type");
        }
        return new CmapValue(type, 0, type == CmapType.FLT ? (float) value : value, null, null);
    }

    /** A string. */
    public static CmapValue str(String value) {
        return new CmapValue(CmapType.STR, 0, 0, Objects.requireNonNull(value), null);
    }

    /** Binary (copied). */
    public static CmapValue bin(byte[] value) {
        return new CmapValue(CmapType.BIN, 0, 0, null, value.clone());
    }

    /**
     * The value of {@code type} written as {@code text}, as {@code corosync-cmapctl -s} takes it:
     * integers in decimal, floats in Java's notation (finite only), strings as they are, binary in
     * hex. {@link IllegalArgumentException} with a one-line reason otherwise.
     */
    public static CmapValue parse(CmapType type, String text) {
        try {
            switch (type) {
                case FLT:
                case DBL:
                    double real = Double.parseDouble(text.strip());
                    if (!Double.isFinite(real) || (type == CmapType.FLT && !Float.isFinite((float) real))) {
                        throw new IllegalArgumentException("\"" + text + "\" is not a finite " + type.word());
                    }
                    return real(type, real);
                case STR:
                    return str(text);
                case BIN:
                    return bin(parseHex(text.strip()));
                default:
                    return integer(type, parseInteger(type, text.strip()));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a " + type.word() + " ("
                    + (type == CmapType.BIN ? "hex digits, two per byte" : type.integer() ? type.rangeText() : "a number") + ")");
        }
    }

    private static byte[] parseHex(String text) {
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new NumberFormatException(e.getMessage());
        }
    }

    private static long parseInteger(CmapType type, String text) {
        if (type != CmapType.U64) {
            return Long.parseLong(text);
        }
        BigInteger value = new BigInteger(text);
        if (value.signum() < 0 || value.bitLength() > 64) {
            throw new IllegalArgumentException(text + " is out of range for u64 (" + type.rangeText() + ")");
        }
        return value.longValue();
    }

    /** The type. */
    public CmapType type() {
        return type;
    }

    /** An integer's value (a u64's bits); {@link IllegalStateException} for other types. */
    public long asLong() {
        if (!type.integer()) {
            throw new IllegalStateException(type.word() + " is not an integer");
        }
        return integer;
    }

    /** A float's value. */
    public double asDouble() {
        if (type != CmapType.FLT && type != CmapType.DBL) {
            throw new IllegalStateException(type.word() + " is not a float");
        }
        return real;
    }

    /** A string's value. */
    public String asString() {
        if (type != CmapType.STR) {
            throw new IllegalStateException(type.word() + " is not a string");
        }
        return text;
    }

    /** A copy of binary's bytes. */
    public byte[] asBytes() {
        if (type != CmapType.BIN) {
            throw new IllegalStateException(type.word() + " is not binary");
        }
        return bytes.clone();
    }

    /** An unsigned integer's value as a big integer (u64 above {@code Long.MAX_VALUE} included). */
    public BigInteger asBigInteger() {
        return type == CmapType.U64 ? new BigInteger(Long.toUnsignedString(asLong())) : BigInteger.valueOf(asLong());
    }

    /**
     * The value as cmapctl prints it after {@code key (type) = }: integers in decimal (unsigned
     * ones unsigned), floats with six decimals ({@code %f}), strings as they are, binary in hex.
     */
    public String text() {
        if (type == CmapType.U64) {
            return Long.toUnsignedString(integer);
        }
        if (type.integer()) {
            return Long.toString(integer);
        }
        switch (type) {
            case FLT:
            case DBL:
                return String.format(java.util.Locale.ROOT, "%f", real);
            case STR:
                return text;
            default:
                return HexFormat.of().formatHex(bytes);
        }
    }

    /** Bytes this value takes (cmap's value length): integers their width, strings their UTF-8 bytes. */
    public int length() {
        switch (type) {
            case I8: case U8: return 1;
            case I16: case U16: return 2;
            case I32: case U32: case FLT: return 4;
            case I64: case U64: case DBL: return 8;
            case STR: return text.getBytes(StandardCharsets.UTF_8).length;
            default: return bytes.length;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CmapValue v && type == v.type && integer == v.integer
                && Double.compare(real, v.real) == 0 && Objects.equals(text, v.text) && Arrays.equals(bytes, v.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, integer, real, text, Arrays.hashCode(bytes));
    }

    /** {@code (type) value}. */
    @Override
    public String toString() {
        return "(" + type.word() + ") " + text();
    }
}
