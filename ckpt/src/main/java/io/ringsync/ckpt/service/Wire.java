package io.ringsync.ckpt.service;

import io.ringsync.ckpt.store.CheckpointId;
import io.ringsync.ckpt.store.CreationAttributes;
import io.ringsync.ckpt.store.SectionId;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The checkpoint service's field encodings, shared by its application messages and its sync
 * records: big-endian numbers, byte strings and text with a 4-byte length. A {@link Reader}
 * throws {@link MalformedException} on anything short or out of range, which each codec turns
 * into "not a message" (a garbled or newer peer's payload is skipped, never fatal).
 */
final class Wire {

    private Wire() {
    }

    /** A payload that does not decode. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    /** Appends fields. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer u8(int value) {
            out.write(value);
            return this;
        }

        Writer i32(int value) {
            return raw(ByteBuffer.allocate(Integer.BYTES).putInt(value).array());
        }

        Writer i64(long value) {
            return raw(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
        }

        Writer bytes(byte[] value) {
            i32(value.length);
            return raw(value);
        }

        Writer text(String value) {
            return bytes(value.getBytes(StandardCharsets.UTF_8));
        }

        Writer checkpointId(CheckpointId id) {
            return i32(id.creatorNodeId()).i64(id.ringSeq()).i64(id.serial());
        }

        Writer sectionId(SectionId id) {
            return bytes(id.bytes());
        }

        Writer attributes(CreationAttributes a) {
            return i32(a.creationFlags()).i64(a.checkpointSize()).i64(a.retentionDurationNs()).i32(a.maxSections())
                    .i64(a.maxSectionSize()).i32(a.maxSectionIdSize());
        }

        Writer optionalAttributes(Optional<CreationAttributes> attributes) {
            u8(attributes.isPresent() ? 1 : 0);
            attributes.ifPresent(this::attributes);
            return this;
        }

        byte[] toBytes() {
            return out.toByteArray();
        }

        private Writer raw(byte[] value) {
            out.write(value, 0, value.length);
            return this;
        }
    }

    /** Reads fields in the order they were written. */
    static final class Reader {
        private final ByteBuffer in;

        Reader(byte[] body) {
            this.in = ByteBuffer.wrap(body);
        }

        int u8() throws MalformedException {
            need(1);
            return in.get() & 0xff;
        }

        int i32() throws MalformedException {
            need(Integer.BYTES);
            return in.getInt();
        }

        long i64() throws MalformedException {
            need(Long.BYTES);
            return in.getLong();
        }

        byte[] bytes() throws MalformedException {
            int length = i32();
            if (length < 0) {
                throw new MalformedException("negative length " + length);
            }
            need(length);
            byte[] value = new byte[length];
            in.get(value);
            return value;
        }

        String text() throws MalformedException {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        CheckpointId checkpointId() throws MalformedException {
            return new CheckpointId(i32(), i64(), i64());
        }

        SectionId sectionId() throws MalformedException {
            return SectionId.of(bytes());
        }

        CreationAttributes attributes() throws MalformedException {
            return new CreationAttributes(i32(), i64(), i64(), i32(), i64(), i32());
        }

        Optional<CreationAttributes> optionalAttributes() throws MalformedException {
            return u8() == 1 ? Optional.of(attributes()) : Optional.empty();
        }

        /** A count of following items, each at least {@code minBytes} long (so a bad count cannot allocate much). */
        int count(int minBytes) throws MalformedException {
            int count = i32();
            if (count < 0 || (long) count * Math.max(1, minBytes) > in.remaining()) {
                throw new MalformedException("bad count " + count);
            }
            return count;
        }

        /** Checks that nothing is left over. */
        void end() throws MalformedException {
            if (in.hasRemaining()) {
                throw new MalformedException(in.remaining() + " bytes left over");
            }
        }

        private void need(int bytes) throws MalformedException {
            if (in.remaining() < bytes) {
                throw new MalformedException("needs " + bytes + " bytes, " + in.remaining() + " left");
            }
        }
    }
}
