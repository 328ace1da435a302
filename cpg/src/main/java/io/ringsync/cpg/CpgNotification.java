package io.ringsync.cpg;

/**
 * An event for one local process: what a listener of a {@link CpgHandle} receives.
 *
 * @param handle the local process and group it is for
 * @param event  the event
 */
public record CpgNotification(CpgHandle handle, CpgEvent event) {
}
