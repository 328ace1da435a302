package io.ringsync.it;

import io.ringsync.protocol.totem.Delivery;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The messages of {@link TrafficNode}, a function of the sending process and the message
 * number alone, so that the test knows each one's delivery and size from its name. A message
 * is named {@code "<process>#<k>"} ({@code process = "n<id>.<incarnation>"}, k from 1), as the
 * simulator's {@code DeliveryChecks} expect. One in three is SAFE ({@code k % 3 == 0}), one in
 * ten large ({@code k % 10 == 7}): the name, a space and filler up to 17..80 KiB, more than half
 * the Totem payload cap of {@link #TERM_LENGTH} terms, so that every large one may be
 * fragmented and most are. The others are the bare name, packed together.
 */
final class TrafficPayloads {

    /** The {@code transport.term_length} the chaos configs set: the Totem payload cap is 1/8 of it (32 KiB). */
    static final String TERM_LENGTH = "256KiB";
    static final int LARGE_MIN_BYTES = 17 * 1024;
    static final int LARGE_MAX_BYTES = 80 * 1024;

    private TrafficPayloads() {
    }

    /** {@code "<process>#<k>"}. */
    static String name(String process, int k) {
        return process + "#" + k;
    }

    static Delivery delivery(int k) {
        return k % 3 == 0 ? Delivery.SAFE : Delivery.AGREED;
    }

    static boolean large(int k) {
        return k % 10 == 7;
    }

    /** The bytes of message {@code k} of {@code process}. */
    static byte[] bytes(String process, int k) {
        byte[] name = name(process, k).getBytes(StandardCharsets.UTF_8);
        if (!large(k)) {
            return name;
        }
        int size = LARGE_MIN_BYTES + Math.floorMod(k * 7919, LARGE_MAX_BYTES - LARGE_MIN_BYTES + 1);
        byte[] bytes = Arrays.copyOf(name, size);
        bytes[name.length] = ' ';
        for (int i = name.length + 1; i < size; i++) {
            bytes[i] = (byte) ('a' + Math.floorMod(i * 31 + k, 26));
        }
        return bytes;
    }

    /** The name a payload carries: its bytes up to the first space. */
    static String nameOf(byte[] payload) {
        int end = 0;
        while (end < payload.length && payload[end] != ' ') {
            end++;
        }
        return new String(payload, 0, end, StandardCharsets.UTF_8);
    }

    /** Whether {@code payload} is exactly what {@link #bytes} gives for the name it carries. */
    static boolean intact(byte[] payload) {
        String name = nameOf(payload);
        int hash = name.lastIndexOf('#');
        if (hash < 0) {
            return false;
        }
        try {
            return Arrays.equals(payload, bytes(name.substring(0, hash), Integer.parseInt(name.substring(hash + 1))));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The k of a name. */
    static int numberOf(String name) {
        return Integer.parseInt(name.substring(name.lastIndexOf('#') + 1));
    }
}
