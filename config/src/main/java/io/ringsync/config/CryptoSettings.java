package io.ringsync.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Frame crypto: the cipher ("none", "aes256-gcm" or "chacha20-poly1305") and the authkey
 * file it is keyed from. With cipher "none" no key is read.
 */
public record CryptoSettings(String cipher, Optional<Path> authkey) {

    /** True when frames are sealed. */
    public boolean enabled() {
        return !"none".equals(cipher);
    }
}
