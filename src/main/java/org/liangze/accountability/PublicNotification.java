package org.liangze.accountability;

import java.time.Instant;

/** A published typical case (通报曝光), in the wording approved for the public. */
public record PublicNotification(long caseId, String title, String text, Instant publishedAt) {
}
