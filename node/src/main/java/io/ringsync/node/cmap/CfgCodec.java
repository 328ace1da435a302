package io.ringsync.node.cmap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bytes of a {@link CfgMessage}: a tag byte, then the fields in order (strings as modified
 * UTF-8, lists with a count). {@link #decode} never throws: a short, unknown or garbled body is
 * empty, skipped by every node alike. A verdict keeps at most {@value #MAX_LINES} lines per list,
 * each cut to {@value #MAX_LINE} characters.
 */
public final class CfgCodec {

    static final int MAX_LINES = 64;
    static final int MAX_LINE = 400;

    private static final byte KILL = 1;
    private static final byte RELOAD_REQUEST = 2;
    private static final byte RELOAD_VOTE = 3;

    private CfgCodec() {
    }

    /** The body of {@code message}. */
    public static byte[] encode(CfgMessage message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (message instanceof CfgMessage.Kill kill) {
                out.writeByte(KILL);
                out.writeInt(kill.origin());
                out.writeInt(kill.target());
            } else if (message instanceof CfgMessage.ReloadRequest request) {
                out.writeByte(RELOAD_REQUEST);
                out.writeInt(request.origin());
                out.writeLong(request.requestId());
            } else {
                CfgMessage.ReloadVote vote = (CfgMessage.ReloadVote) message;
                out.writeByte(RELOAD_VOTE);
                out.writeInt(vote.origin());
                out.writeLong(vote.requestId());
                out.writeInt(vote.verdict().nodeId());
                out.writeBoolean(vote.verdict().valid());
                writeLines(out, vote.verdict().applied());
                writeLines(out, vote.verdict().restart());
                writeLines(out, vote.verdict().problems());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The message of {@code body}, or empty when it is not one. */
    public static Optional<CfgMessage> decode(byte[] body) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            byte tag = in.readByte();
            CfgMessage message;
            if (tag == KILL) {
                message = new CfgMessage.Kill(in.readInt(), in.readInt());
            } else if (tag == RELOAD_REQUEST) {
                message = new CfgMessage.ReloadRequest(in.readInt(), in.readLong());
            } else if (tag == RELOAD_VOTE) {
                int origin = in.readInt();
                long requestId = in.readLong();
                int nodeId = in.readInt();
                boolean valid = in.readBoolean();
                message = new CfgMessage.ReloadVote(origin, requestId,
                        new ReloadVerdict(nodeId, valid, readLines(in), readLines(in), readLines(in)));
            } else {
                return Optional.empty();
            }
            return in.available() == 0 ? Optional.of(message) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void writeLines(DataOutputStream out, List<String> lines) throws IOException {
        int count = Math.min(lines.size(), MAX_LINES);
        out.writeShort(count);
        for (int i = 0; i < count; i++) {
            String line = lines.get(i);
            out.writeUTF(line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE - 3) + "...");
        }
    }

    private static List<String> readLines(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        if (count > MAX_LINES) {
            throw new IOException("too many lines");
        }
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(in.readUTF());
        }
        return lines;
    }
}
