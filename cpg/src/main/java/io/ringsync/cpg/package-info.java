/**
 * Closed process groups over Totem (Corosync's CPG): the value types of the API and its events,
 * the {@link io.ringsync.cpg.CpgActor} driving the pure core ({@code io.ringsync.cpg.core}), and
 * the Java API {@link io.ringsync.cpg.Cpg}. {@code io.ringsync.cpg.verify} holds the pure parts of
 * the traffic checker behind {@code ringsync cpg verify}.
 */
package io.ringsync.cpg;
