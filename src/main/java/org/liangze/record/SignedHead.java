package org.liangze.record;

/**
 * A unit's chain head as a signed checkpoint holds it: the entry {@code seq} had this hash. {@code fromReceipt}: read
 * from a receipt kept outside the system rather than from the database.
 */
record SignedHead(long checkpointSeq, String unitCode, long seq, String hash, boolean fromReceipt) {
}
