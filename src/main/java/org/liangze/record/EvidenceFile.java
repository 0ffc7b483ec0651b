package org.liangze.record;

import java.time.Instant;

/** An evidence file's description; its content is fetched separately. */
public record EvidenceFile(String contentHash, String hashAlgorithm, long sizeBytes, String mediaType,
    String originalName, String uploadedBy, Instant uploadedAt) {
}
