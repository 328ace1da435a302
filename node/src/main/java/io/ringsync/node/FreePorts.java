package io.ringsync.node;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Finds a UDP port that is free on every given address, for demos and tests on one machine. */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 45_000;
    private static final int ATTEMPTS = 200;

    private FreePorts() {
    }

    /** The addresses 127.0.0.1 .. 127.0.0.n, the loopback addresses of an n-node local cluster. */
    public static List<String> loopbackAddresses(int nodes) {
        List<String> addresses = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            addresses.add("127.0.0." + i);
        }
        return addresses;
    }

    /** A random port in 20000..45000 on which UDP can be bound on every host right now. */
    public static int udpPortFreeOnAll(List<String> hosts) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (hosts.stream().allMatch(host -> isUdpFree(host, port))) {
                return port;
            }
        }
        throw new IllegalStateException("no free UDP port found on " + hosts + " after " + ATTEMPTS + " attempts");
    }

    private static boolean isUdpFree(String host, int port) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(host, port))) {
            return socket.isBound();
        } catch (IOException e) {
            return false;
        }
    }
}
