package org.liangze.escalation;

import java.time.Instant;

/** One step the ladder took for one task. */
public record EscalationStep(String taskId, String taskName, String unitCode, EscalationLevel level, Instant dueAt,
    Instant takenAt) {
}
