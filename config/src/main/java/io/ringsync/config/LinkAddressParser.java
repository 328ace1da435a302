package io.ringsync.config;

/**
 * Parses {@code host:port} link addresses: {@code 10.0.0.1:5405}, {@code node1.example:5405},
 * {@code [::1]:5405}. Names are not resolved here.
 */
final class LinkAddressParser {

    private LinkAddressParser() {
    }

    /** The address; IllegalArgumentException with an operator-readable reason otherwise. */
    static LinkAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException(
                    "expected \"host:port\" (IPv6 as \"[::1]:5405\"), got \"" + text + "\"");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException(
                    "an IPv6 address needs brackets, as \"[" + host + "]:port\"; got \"" + text + "\"");
        }
        if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("bad host in \"" + text + "\"");
        }
        return new LinkAddress(host, port(text.substring(colon + 1), text));
    }

    private static int port(String digits, String text) {
        boolean valid = digits.length() <= 5 && digits.chars().allMatch(Character::isDigit)
                && Integer.parseInt(digits) >= 1 && Integer.parseInt(digits) <= 65535;
        if (!valid) {
            throw new IllegalArgumentException("port must be 1..65535 in \"" + text + "\"");
        }
        return Integer.parseInt(digits);
    }
}
