package org.liangze.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * The hash that chains a unit's entries. SM3 (GM/T 0004-2012, China's national standard hash; Bouncy Castle's
 * implementation) over a canonical, length-prefixed encoding of every field and the previous entry's hash, so no
 * two different entries encode alike. The algorithm is stored with each entry so the chain can move to another
 * algorithm without rewriting the past.
 */
final class RecordHashing {

  static final String SM3 = "SM3";
  static final String SHA_256 = "SHA-256";
  static final String CURRENT = SM3;
  /** The "previous hash" of a chain's first entry. */
  static final String GENESIS = "0".repeat(64);

  private RecordHashing() {
  }

  static String hash(String algorithm, String unitCode, long seq, EntryKind kind, Long listItemId, String actor,
      Instant occurredAt, Instant recordedAt, String summary, String lateReason, String processInstanceId,
      String taskId, String evidence, String previousHash) {
    StringBuilder canonical = new StringBuilder(256).append("liangze-record-v1");
    for (Object field : new Object[] {unitCode, seq, kind.name(), listItemId, actor, instant(occurredAt),
        instant(recordedAt), summary, lateReason, processInstanceId, taskId, evidence, previousHash}) {
      String text = field == null ? "" : field.toString();
      canonical.append('|').append(field == null ? -1 : text.length()).append(':').append(text);
    }
    return HexFormat.of().formatHex(digest(algorithm, canonical.toString().getBytes(StandardCharsets.UTF_8)));
  }

  static String hash(RecordEntry entry) {
    return hash(entry.hashAlgorithm(), entry.unitCode(), entry.seq(), entry.kind(), entry.listItemId(),
        entry.actor(), entry.occurredAt(), entry.recordedAt(), entry.summary(), entry.lateReason(),
        entry.processInstanceId(), entry.taskId(), String.join(" ", entry.evidence()), entry.previousHash());
  }

  static boolean isSupported(String algorithm) {
    return SM3.equals(algorithm) || SHA_256.equals(algorithm);
  }

  /** Hashes file contents the same way, for content-addressed evidence. */
  static String contentHash(byte[] content) {
    return HexFormat.of().formatHex(digest(CURRENT, content));
  }

  private static String instant(Instant instant) {
    return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  private static byte[] digest(String algorithm, byte[] input) {
    if (SM3.equals(algorithm)) {
      Digest sm3 = new SM3Digest();
      sm3.update(input, 0, input.length);
      byte[] out = new byte[sm3.getDigestSize()];
      sm3.doFinal(out, 0);
      return out;
    }
    try {
      return MessageDigest.getInstance(algorithm).digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("Unsupported record hash algorithm: " + algorithm, e);
    }
  }
}
