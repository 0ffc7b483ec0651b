package org.liangze.record;

import java.time.Instant;
import java.util.List;

/**
 * A checkpoint as handed out to be kept outside the system (JSON): everything needed to verify it, and the chains
 * against it, without the platform — the signed statement's fields, the signature, the signing key's public part and
 * fingerprint, the key handover if any, and every unit's signed chain head (the tree's leaves, in unit order).
 */
public record CheckpointReceipt(String format, long seq, Instant createdAt, int treeSize, String rootHash,
    String keyId, String publicKey, String previousKeyId, String keyEndorsement, String signatureAlgorithm,
    String signature, String statement, List<Head> heads) {

  public static final String FORMAT = "liangze-checkpoint-receipt-v1";

  /** One unit's chain head as signed. */
  public record Head(String unitCode, long seq, String hash) {
  }

  static CheckpointReceipt of(Checkpoint checkpoint, List<CheckpointTree.Leaf> leaves) {
    return new CheckpointReceipt(FORMAT, checkpoint.seq(), checkpoint.createdAt(), checkpoint.treeSize(),
        checkpoint.rootHash(), checkpoint.keyId(), checkpoint.publicKey(), checkpoint.previousKeyId(),
        checkpoint.keyEndorsement(), CheckpointKeys.ALGORITHM, checkpoint.signature(), checkpoint.statement(),
        leaves.stream().map(leaf -> new Head(leaf.unitCode(), leaf.seq(), leaf.headHash())).toList());
  }

  Checkpoint checkpoint() {
    return new Checkpoint(seq, createdAt, treeSize, rootHash, keyId, publicKey, previousKeyId, keyEndorsement,
        signature, null);
  }

  List<CheckpointTree.Leaf> leaves() {
    return heads == null ? List.of()
        : heads.stream().map(head -> new CheckpointTree.Leaf(head.unitCode(), head.seq(), head.hash())).toList();
  }

  /** The signed fields alone, for the QR code of the printed receipt (the heads do not fit in one). */
  record Signed(String format, long seq, Instant createdAt, int treeSize, String rootHash, String keyId,
      String publicKey, String previousKeyId, String signature) {
  }

  Signed signed() {
    return new Signed(FORMAT, seq, createdAt, treeSize, rootHash, keyId, publicKey, previousKeyId, signature);
  }
}
