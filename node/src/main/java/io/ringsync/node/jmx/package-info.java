/**
 * A node's runtime statistics as JMX MXBeans ({@code io.ringsync:type=...,node=<id>}), read from
 * the same sources as cmap and the status tools; see {@link io.ringsync.node.jmx.NodeMBeans}.
 */
package io.ringsync.node.jmx;
