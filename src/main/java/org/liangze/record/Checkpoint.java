package org.liangze.record;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * A signed checkpoint of the record manual: the Merkle root over every unit's chain head ({@link CheckpointTree}),
 * signed with SM2 by a key outside the database. What is signed is {@link #statement()}; the key is named by its
 * fingerprint. The first checkpoint under a new key names the previous key and carries the previous key's
 * signature over the new public key ({@code keyEndorsement}), so trust passes from one key to the next.
 *
 * @param seq the checkpoint's number, 1, 2, 3, … without gaps
 * @param treeSize how many chain heads the tree has
 * @param rootHash the tree's root, SM3, hex
 * @param keyId fingerprint of the signing key (SM3 of its public part, hex)
 * @param publicKey the signing key's public part (X.509 DER, Base64)
 * @param previousKeyId the previous key's fingerprint, when this is the first checkpoint under a new key
 * @param keyEndorsement the previous key's signature over {@code publicKey}, when this is such a checkpoint
 * @param signature the SM2 signature over {@link #statement()} (DER, Base64)
 */
public record Checkpoint(long seq, Instant createdAt, int treeSize, String rootHash, String keyId, String publicKey,
    String previousKeyId, String keyEndorsement, String signature, String madeBy) {

  /** The canonical text the key signs: every field that matters, one per line. */
  public String statement() {
    return statement(seq, createdAt, treeSize, rootHash, keyId, previousKeyId);
  }

  static String statement(long seq, Instant createdAt, int treeSize, String rootHash, String keyId,
      String previousKeyId) {
    return "liangze-checkpoint-v1\nseq:" + seq + "\ntime:" + DateTimeFormatter.ISO_INSTANT.format(createdAt)
        + "\nsize:" + treeSize + "\nroot:" + rootHash + "\nkey:" + keyId + "\nprevious-key:"
        + (previousKeyId == null ? "" : previousKeyId) + "\n";
  }

  byte[] statementBytes() {
    return statement().getBytes(StandardCharsets.UTF_8);
  }

  /** A short form of the root for people: the first 16 hex digits. */
  public String shortRoot() {
    return rootHash.substring(0, Math.min(16, rootHash.length()));
  }
}
