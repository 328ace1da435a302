package io.ringsync.cpg;

/**
 * An entry of the joined or left list of a {@link CpgConfChg}: a process and why it came or went
 * (Corosync's {@code cpg_address}).
 *
 * @param member the process
 * @param reason why it joined or left
 */
public record CpgAddress(CpgMember member, CpgReason reason) {

    /** The process's node. */
    public int nodeId() {
        return member.nodeId();
    }

    /** The process's id on its node. */
    public long pid() {
        return member.pid();
    }

    @Override
    public String toString() {
        return member + " " + reason;
    }
}
