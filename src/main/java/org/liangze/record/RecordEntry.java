package org.liangze.record;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a unit's record manual, as stored: its place in the unit's chain ({@code seq}), the hash of the
 * entry before it, and its own hash over everything it says.
 */
public record RecordEntry(long id, String unitCode, long seq, EntryKind kind, Long listItemId, String actor,
    Instant occurredAt, Instant recordedAt, String summary, String lateReason, String processInstanceId,
    String taskId, List<String> evidence, String hashAlgorithm, String previousHash, String entryHash) {
}
