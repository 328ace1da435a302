package io.ringsync.protocol;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a deterministic protocol core (STYLE.md rules 1 and 2): a plain class that reads no
 * clock and no ambient randomness, starts no thread, does no I/O and touches neither Akka nor
 * Aeron; time and randomness come in as arguments. The simulator relies on it to replay a
 * schedule from its seed, and a test scans every class so marked and fails the build when one
 * breaks the rule.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface PureCore {
}
