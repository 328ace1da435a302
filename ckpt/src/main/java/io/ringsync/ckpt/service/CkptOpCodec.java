package io.ringsync.ckpt.service;

import io.ringsync.ckpt.store.OpenFlags;
import io.ringsync.ckpt.store.WriteElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bytes of a {@link CkptOp}: a type byte, then its fields ({@link Wire}). {@link #decode} never
 * throws: a body that does not decode is empty (skipped and counted by the service).
 */
public final class CkptOpCodec {

    private static final int OPEN = 1;
    private static final int CLOSE = 2;
    private static final int UNLINK = 3;
    private static final int CREATE_SECTION = 4;
    private static final int DELETE_SECTION = 5;
    private static final int SET_EXPIRATION = 6;
    private static final int WRITE = 7;
    private static final int OVERWRITE = 8;
    private static final int SET_ACTIVE_REPLICA = 9;
    private static final int TICK = 10;
    private static final int CREATE_GENERATED_SECTION = 11;
    private static final int SET_RETENTION = 12;

    private CkptOpCodec() {
    }

    /** The body of {@code op}. */
    public static byte[] encode(CkptOp op) {
        Wire.Writer out = new Wire.Writer();
        if (op instanceof CkptOp.Open open) {
            out.u8(OPEN).i64(open.requestId()).text(open.name()).optionalAttributes(open.attributes())
                    .i32(open.flags().bits()).checkpointId(open.newId());
        } else if (op instanceof CkptOp.Close close) {
            out.u8(CLOSE).i64(close.requestId()).checkpointId(close.id());
        } else if (op instanceof CkptOp.Unlink unlink) {
            out.u8(UNLINK).i64(unlink.requestId()).text(unlink.name());
        } else if (op instanceof CkptOp.CreateSection create) {
            out.u8(CREATE_SECTION).i64(create.requestId()).checkpointId(create.id()).sectionId(create.sectionId())
                    .i64(create.expirationNs()).bytes(create.data());
        } else if (op instanceof CkptOp.CreateGeneratedSection create) {
            out.u8(CREATE_GENERATED_SECTION).i64(create.requestId()).checkpointId(create.id()).i64(create.expirationNs())
                    .bytes(create.data());
        } else if (op instanceof CkptOp.SetRetention set) {
            out.u8(SET_RETENTION).i64(set.requestId()).checkpointId(set.id()).i64(set.retentionNs());
        } else if (op instanceof CkptOp.DeleteSection delete) {
            out.u8(DELETE_SECTION).i64(delete.requestId()).checkpointId(delete.id()).sectionId(delete.sectionId());
        } else if (op instanceof CkptOp.SetExpiration set) {
            out.u8(SET_EXPIRATION).i64(set.requestId()).checkpointId(set.id()).sectionId(set.sectionId())
                    .i64(set.expirationNs());
        } else if (op instanceof CkptOp.Write write) {
            out.u8(WRITE).i64(write.requestId()).checkpointId(write.id()).i32(write.elements().size());
            for (WriteElement element : write.elements()) {
                out.sectionId(element.sectionId()).i64(element.offset()).bytes(element.data());
            }
        } else if (op instanceof CkptOp.Overwrite overwrite) {
            out.u8(OVERWRITE).i64(overwrite.requestId()).checkpointId(overwrite.id()).sectionId(overwrite.sectionId())
                    .bytes(overwrite.data());
        } else if (op instanceof CkptOp.SetActiveReplica set) {
            out.u8(SET_ACTIVE_REPLICA).i64(set.requestId()).checkpointId(set.id());
        } else if (op instanceof CkptOp.Tick tick) {
            out.u8(TICK).i64(tick.timeNs());
        } else {
            throw new IllegalArgumentException("unknown op " + op);
        }
        return out.toBytes();
    }

    /** The op of {@code body}, or empty when it does not decode. */
    public static Optional<CkptOp> decode(byte[] body) {
        try {
            Wire.Reader in = new Wire.Reader(body);
            CkptOp op = read(in.u8(), in);
            in.end();
            return Optional.of(op);
        } catch (Wire.MalformedException e) {
            return Optional.empty();
        }
    }

    private static CkptOp read(int type, Wire.Reader in) throws Wire.MalformedException {
        if (type == TICK) {
            return new CkptOp.Tick(in.i64());
        }
        long requestId = in.i64();
        return switch (type) {
            case OPEN -> new CkptOp.Open(requestId, in.text(), in.optionalAttributes(), OpenFlags.of(in.i32()),
                    in.checkpointId());
            case CLOSE -> new CkptOp.Close(requestId, in.checkpointId());
            case UNLINK -> new CkptOp.Unlink(requestId, in.text());
            case CREATE_SECTION -> new CkptOp.CreateSection(requestId, in.checkpointId(), in.sectionId(), in.i64(),
                    in.bytes());
            case CREATE_GENERATED_SECTION -> new CkptOp.CreateGeneratedSection(requestId, in.checkpointId(), in.i64(),
                    in.bytes());
            case SET_RETENTION -> new CkptOp.SetRetention(requestId, in.checkpointId(), in.i64());
            case DELETE_SECTION -> new CkptOp.DeleteSection(requestId, in.checkpointId(), in.sectionId());
            case SET_EXPIRATION -> new CkptOp.SetExpiration(requestId, in.checkpointId(), in.sectionId(), in.i64());
            case WRITE -> new CkptOp.Write(requestId, in.checkpointId(), elements(in));
            case OVERWRITE -> new CkptOp.Overwrite(requestId, in.checkpointId(), in.sectionId(), in.bytes());
            case SET_ACTIVE_REPLICA -> new CkptOp.SetActiveReplica(requestId, in.checkpointId());
            default -> throw new Wire.MalformedException("unknown op type " + type);
        };
    }

    private static List<WriteElement> elements(Wire.Reader in) throws Wire.MalformedException {
        int count = in.count(16);
        List<WriteElement> elements = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            elements.add(new WriteElement(in.sectionId(), in.i64(), in.bytes()));
        }
        return elements;
    }
}
