package io.ringsync.ckpt.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A section's id ({@code SaCkptSectionIdT}): opaque bytes, compared by content and ordered
 * unsigned-lexicographically (sections of a checkpoint are kept in that order on every replica).
 * The empty id is the default section of a checkpoint with {@code maxSections == 1}.
 */
public final class SectionId implements Comparable<SectionId> {

    /** The default section's id ({@code SA_CKPT_DEFAULT_SECTION_ID}: empty). */
    public static final SectionId DEFAULT = new SectionId(new byte[0]);

    private final byte[] bytes;

    private SectionId(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The id of these bytes (copied). */
    public static SectionId of(byte[] bytes) {
        return bytes.length == 0 ? DEFAULT : new SectionId(bytes.clone());
    }

    /** The id of {@code text}'s UTF-8 bytes. */
    public static SectionId of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** True for the default section's (empty) id. */
    public boolean isDefault() {
        return bytes.length == 0;
    }

    /** The id as text: the UTF-8 string when it is printable ASCII, else {@code 0x} and hex. */
    public String display() {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return "0x" + HexFormat.of().formatHex(bytes);
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Override
    public int compareTo(SectionId other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SectionId id && Arrays.equals(bytes, id.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return isDefault() ? "(default)" : display();
    }
}
