package io.ringsync.ckpt.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One checkpoint of a {@link CheckpointStore}: attributes, sections in id order, open handles
 * per node, and the retention countdown. Its section calls check the SA Forum rules that depend
 * on the checkpoint alone (Corosync's order of checks); the store adds its own limits through
 * {@code room}, the bytes the store has left.
 */
final class Checkpoint {

    /** {@link CheckpointView#activeReplicaNode()} of a checkpoint whose writes go to every replica. */
    static final int ALL_REPLICAS = 0;
    /** {@link CheckpointView#activeReplicaNode()} while no active replica is set. */
    static final int NO_ACTIVE_REPLICA = -1;

    private final CheckpointId id;
    private final String name;
    private CreationAttributes attributes;
    private final TreeMap<SectionId, Section> sections = new TreeMap<>();
    private final TreeMap<Integer, Integer> openers = new TreeMap<>();
    private boolean unlinked;
    private int activeReplicaNode;
    private long retentionDeadlineNs = Times.END;
    private long dataBytes;
    private long footprint;

    Checkpoint(CheckpointId id, String name, CreationAttributes attributes, int creatorNodeId) {
        this.id = id;
        this.name = name;
        this.attributes = attributes;
        this.activeReplicaNode = attributes.allReplicas() ? ALL_REPLICAS
                : attributes.activeReplicaAtCreation() ? creatorNodeId : NO_ACTIVE_REPLICA;
        if (attributes.maxSections() == 1) {
            putSection(new Section(SectionId.DEFAULT, Times.END, new byte[0]));
        }
    }

    /** A checkpoint rebuilt from {@code image} (sync). */
    static Checkpoint of(CheckpointImage image) {
        Checkpoint checkpoint = new Checkpoint(image.id(), image.name(), image.attributes(), 0);
        checkpoint.sections.clear();
        checkpoint.dataBytes = 0;
        checkpoint.footprint = 0;
        checkpoint.unlinked = image.unlinked();
        checkpoint.activeReplicaNode = image.activeReplicaNode();
        checkpoint.retentionDeadlineNs = image.retentionDeadlineNs();
        checkpoint.openers.putAll(image.openers());
        for (CheckpointImage.SectionImage section : image.sections()) {
            checkpoint.putSection(new Section(section.id(), section.expirationNs(), section.data().clone()));
        }
        return checkpoint;
    }

    CheckpointId id() {
        return id;
    }

    String name() {
        return name;
    }

    CreationAttributes attributes() {
        return attributes;
    }

    boolean unlinked() {
        return unlinked;
    }

    void unlink() {
        unlinked = true;
    }

    /** Bytes of section data and ids, against the store's limit. */
    long footprint() {
        return footprint;
    }

    // ----- openers and retention -----

    void opened(int nodeId) {
        openers.merge(nodeId, 1, Integer::sum);
        retentionDeadlineNs = Times.END;
    }

    /** One handle of {@code nodeId} closed; false when that node had none open. */
    boolean closed(int nodeId) {
        Integer count = openers.get(nodeId);
        if (count == null) {
            return false;
        }
        if (count == 1) {
            openers.remove(nodeId);
        } else {
            openers.put(nodeId, count - 1);
        }
        return true;
    }

    boolean open() {
        return !openers.isEmpty();
    }

    /** Forgets the handles of nodes outside {@code members} (they left the configuration). */
    void retainOpeners(Set<Integer> members) {
        openers.keySet().retainAll(members);
    }

    /** Retention counts down for a checkpoint nobody has open, unless its duration is for ever. */
    boolean retentionApplies() {
        return !open() && attributes.retentionDurationNs() != Times.END;
    }

    /**
     * The retention rule at tick {@code timeNs}: the countdown starts at the first tick that finds
     * the checkpoint unopened; true when its deadline is reached (the checkpoint must go).
     */
    boolean retentionExpiredAt(long timeNs) {
        if (!retentionApplies()) {
            retentionDeadlineNs = Times.END;
            return false;
        }
        if (retentionDeadlineNs == Times.END) {
            retentionDeadlineNs = Times.plus(timeNs, attributes.retentionDurationNs());
        }
        return timeNs >= retentionDeadlineNs;
    }

    // ----- active replica -----

    boolean hasActiveReplica() {
        return activeReplicaNode != NO_ACTIVE_REPLICA;
    }

    /** Active replica set: only for a collocated checkpoint with an active-replica policy (Corosync). */
    CkptError setActiveReplica(int nodeId) {
        if (!attributes.collocated() || !attributes.activeReplicaPolicy()) {
            return CkptError.BAD_OPERATION;
        }
        activeReplicaNode = nodeId;
        return CkptError.OK;
    }

    /** Synchronize: only for an active-replica policy; NOT_EXIST while no active replica is set. */
    CkptError synchronize() {
        if (!attributes.activeReplicaPolicy()) {
            return CkptError.BAD_OPERATION;
        }
        return hasActiveReplica() ? CkptError.OK : CkptError.NOT_EXIST;
    }

    // ----- sections -----

    /**
     * Section create, checked in Corosync's order: no active replica (NOT_EXIST); a
     * single-section checkpoint (EXIST: its default section is the only one); an id too long,
     * empty, or data above the section size (INVALID_PARAM); a duplicate id (EXIST); the most
     * sections, the checkpoint size or the store's {@code room} reached (NO_SPACE).
     */
    CkptError createSection(SectionId sectionId, long expirationNs, byte[] data, long room) {
        CkptError writable = writable();
        if (!writable.ok()) {
            return writable;
        }
        if (attributes.maxSections() == 1) {
            return CkptError.EXIST;
        }
        if (sectionId.isDefault() || sectionId.length() > attributes.maxSectionIdSize()
                || data.length > attributes.maxSectionSize() || expirationNs < 0) {
            return CkptError.INVALID_PARAM;
        }
        if (sections.containsKey(sectionId)) {
            return CkptError.EXIST;
        }
        if (sections.size() >= attributes.maxSections() || dataBytes + data.length > attributes.checkpointSize()
                || data.length + (long) sectionId.length() > room) {
            return CkptError.NO_SPACE;
        }
        putSection(new Section(sectionId, expirationNs, data.clone()));
        return CkptError.OK;
    }

    /**
     * Section create with an id the service chooses ({@code SA_CKPT_GENERATED_SECTION_ID}): the
     * checks and results of {@link #createSection}, for the id {@link #generatedSectionId()}.
     * Every replica holds the same sections when the op is applied, so every replica chooses the
     * same id. Empty unless created.
     */
    CkptResult<SectionId> createGeneratedSection(long expirationNs, byte[] data, long room) {
        SectionId generated = generatedSectionId();
        CkptError error = createSection(generated, expirationNs, data, room);
        return error.ok() ? CkptResult.ok(generated) : CkptResult.fail(error);
    }

    /**
     * The id a generated section gets: the decimal digits (ASCII) of one more than the largest
     * id of the checkpoint that is a decimal number without leading zero, or "1". It is unique
     * among the sections present, and never one of a deleted section below the largest.
     */
    SectionId generatedSectionId() {
        long largest = 0;
        for (SectionId id : sections.keySet()) {
            largest = Math.max(largest, decimalValue(id.bytes()));
        }
        return SectionId.of(Long.toString(largest + 1));
    }

    /** The value of {@code id} read as a decimal number without leading zero (at most 18 digits), or 0. */
    private static long decimalValue(byte[] id) {
        if (id.length == 0 || id.length > 18 || id[0] == '0') {
            return 0;
        }
        long value = 0;
        for (byte b : id) {
            if (b < '0' || b > '9') {
                return 0;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    /**
     * Retention duration set ({@code saCkptCheckpointRetentionDurationSet}): INVALID_PARAM for a
     * negative duration, BAD_OPERATION for an unlinked checkpoint (SA Forum: its retention no
     * longer applies, the last close frees it). A countdown already running restarts at the next
     * tick with the new duration.
     */
    CkptError setRetention(long durationNs) {
        if (durationNs < 0) {
            return CkptError.INVALID_PARAM;
        }
        if (unlinked) {
            return CkptError.BAD_OPERATION;
        }
        attributes = attributes.withRetention(durationNs);
        retentionDeadlineNs = Times.END;
        return CkptError.OK;
    }

    /** Section delete: INVALID_PARAM for the default section, NOT_EXIST for an unknown one. */
    CkptError deleteSection(SectionId sectionId) {
        CkptError found = changeableSection(sectionId);
        if (found.ok()) {
            removeSection(sections.get(sectionId));
        }
        return found;
    }

    /** Expiration time set: as delete, and INVALID_PARAM for a negative time. */
    CkptError setExpiration(SectionId sectionId, long expirationNs) {
        if (expirationNs < 0) {
            return CkptError.INVALID_PARAM;
        }
        CkptError found = changeableSection(sectionId);
        if (found.ok()) {
            sections.get(sectionId).expirationNs(expirationNs);
        }
        return found;
    }

    /**
     * Write of several elements, in order, stopping at the first that fails: no active replica
     * or an unknown section (NOT_EXIST), no data, a negative offset or an end past the section
     * size (INVALID_PARAM), the checkpoint size or the store's room exceeded (NO_SPACE).
     */
    WriteOutcome write(List<WriteElement> elements, long room) {
        CkptError writable = writable();
        if (!writable.ok()) {
            return WriteOutcome.failedAt(0, writable);
        }
        long left = room;
        for (int i = 0; i < elements.size(); i++) {
            WriteElement element = elements.get(i);
            Section section = sections.get(element.sectionId());
            CkptError error = checkWrite(section, element, left);
            if (!error.ok()) {
                return WriteOutcome.failedAt(i, error);
            }
            long before = section.size();
            section.write((int) element.offset(), element.data());
            grew(section.size() - before);
            left -= section.size() - before;
        }
        return WriteOutcome.OK;
    }

    private CkptError checkWrite(Section section, WriteElement element, long room) {
        if (section == null) {
            return CkptError.NOT_EXIST;
        }
        long length = element.data().length;
        if (length == 0 || element.offset() < 0 || element.offset() > attributes.maxSectionSize() - length) {
            return CkptError.INVALID_PARAM;
        }
        long growth = Math.max(0, element.offset() + length - section.size());
        return growth > room || dataBytes + growth > attributes.checkpointSize() || element.offset() + length > Integer.MAX_VALUE
                ? CkptError.NO_SPACE : CkptError.OK;
    }

    /** Overwrite: replaces the section's bytes; NOT_EXIST, INVALID_PARAM above the section size, NO_SPACE. */
    CkptError overwrite(SectionId sectionId, byte[] data, long room) {
        CkptError writable = writable();
        if (!writable.ok()) {
            return writable;
        }
        Section section = sections.get(sectionId);
        if (section == null) {
            return CkptError.NOT_EXIST;
        }
        if (data.length > attributes.maxSectionSize()) {
            return CkptError.INVALID_PARAM;
        }
        long growth = data.length - section.size();
        if (growth > room || dataBytes + growth > attributes.checkpointSize()) {
            return CkptError.NO_SPACE;
        }
        section.replace(data);
        grew(growth);
        return CkptError.OK;
    }

    /** Read of several ranges: NOT_EXIST for an unknown section, INVALID_PARAM for an offset past the end or a negative size. */
    ReadOutcome read(List<ReadRange> ranges) {
        List<byte[]> data = new ArrayList<>(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            ReadRange range = ranges.get(i);
            Section section = sections.get(range.sectionId());
            if (section == null) {
                return ReadOutcome.failedAt(i, CkptError.NOT_EXIST);
            }
            if (range.offset() < 0 || range.offset() > section.size() || range.size() < 0) {
                return ReadOutcome.failedAt(i, CkptError.INVALID_PARAM);
            }
            int length = (int) Math.min(range.size(), section.size() - range.offset());
            data.add(section.read((int) range.offset(), length));
        }
        return ReadOutcome.ok(data);
    }

    /** The descriptors of the sections {@code selection} chooses at {@code timeNs}, in id order. */
    List<SectionDescriptor> select(SectionSelection selection, long timeNs) {
        List<SectionDescriptor> chosen = new ArrayList<>();
        for (Section section : sections.values()) {
            if (selection.matches(section.expirationNs(), timeNs)) {
                chosen.add(section.descriptor());
            }
        }
        return chosen;
    }

    /** The descriptor of {@code sectionId}, or null when it is gone. */
    SectionDescriptor descriptor(SectionId sectionId) {
        Section section = sections.get(sectionId);
        return section == null ? null : section.descriptor();
    }

    /** Deletes the sections expiring at or before {@code timeNs}; how many. */
    int expireSections(long timeNs) {
        List<Section> expired = sections.values().stream().filter(s -> s.expirationNs() <= timeNs).toList();
        expired.forEach(this::removeSection);
        return expired.size();
    }

    /** True when a section has a finite expiration. */
    boolean hasExpiringSection() {
        return sections.values().stream().anyMatch(s -> s.expirationNs() != Times.END);
    }

    CheckpointStatus status() {
        return new CheckpointStatus(attributes, sections.size(), dataBytes);
    }

    CheckpointView view() {
        return new CheckpointView(id, name, attributes, unlinked, activeReplicaNode, sections.size(), dataBytes,
                Collections.unmodifiableSortedMap(new TreeMap<>(openers)), retentionDeadlineNs);
    }

    List<SectionDump> dump() {
        return sections.values().stream().map(s -> new SectionDump(s.descriptor(), Digests.shortSha256(s.data())))
                .toList();
    }

    CheckpointImage image() {
        List<CheckpointImage.SectionImage> images = sections.values().stream()
                .map(s -> new CheckpointImage.SectionImage(s.id(), s.expirationNs(), s.data())).toList();
        SortedMap<Integer, Integer> openersCopy = Collections.unmodifiableSortedMap(new TreeMap<>(openers));
        return new CheckpointImage(id, name, attributes, unlinked, activeReplicaNode, retentionDeadlineNs, openersCopy,
                images);
    }

    private CkptError writable() {
        return hasActiveReplica() ? CkptError.OK : CkptError.NOT_EXIST;
    }

    /** The default section cannot be deleted nor given an expiration (SA Forum); NOT_EXIST when missing. */
    private CkptError changeableSection(SectionId sectionId) {
        CkptError writable = writable();
        if (!writable.ok()) {
            return writable;
        }
        if (sectionId.isDefault()) {
            return CkptError.INVALID_PARAM;
        }
        return sections.containsKey(sectionId) ? CkptError.OK : CkptError.NOT_EXIST;
    }

    private void putSection(Section section) {
        sections.put(section.id(), section);
        dataBytes += section.size();
        footprint += section.footprint();
    }

    private void removeSection(Section section) {
        sections.remove(section.id());
        dataBytes -= section.size();
        footprint -= section.footprint();
    }

    private void grew(long bytes) {
        dataBytes += bytes;
        footprint += bytes;
    }
}
