package org.liangze.record;

/** A unit's chain head as a signed checkpoint (or a kept receipt) holds it: the entry {@code seq} had this hash. */
record SignedHead(long checkpointSeq, String unitCode, long seq, String hash) {
}
