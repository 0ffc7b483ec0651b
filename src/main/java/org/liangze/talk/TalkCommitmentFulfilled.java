package org.liangze.talk;

/** Published when the commission verifies a talk commitment as carried out, in the verification's transaction. */
public record TalkCommitmentFulfilled(long commitmentId, String verifiedBy) {
}
