/**
 * Fault injection in a running node, for multi-process tests: the IPC operations {@code fault.*}
 * that drive the transport's fault filter ({@code transport.fault_injection} must be on).
 */
package io.ringsync.node.fault;
