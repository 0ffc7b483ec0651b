package org.liangze.record;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What the checkpoints page shows, already formatted: the signing key's public part and fingerprint (for everyone
 * logged in), and for district supervisors the checkpoints with their receipts and the verification's verdict.
 */
public record CheckpointPage(boolean keyConfigured, String publicKeyPem, String keyId, boolean supervisor,
    List<Row> rows, boolean intact, List<String> problems) {

  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** One checkpoint as a table row. */
  public record Row(long seq, String createdAt, int treeSize, String rootHash, String keyId, boolean keyChange,
      String madeBy) {
  }

  static List<Row> rows(List<Checkpoint> checkpoints, ZoneId zone) {
    return checkpoints.stream().map(checkpoint -> new Row(checkpoint.seq(),
        SECONDS.format(checkpoint.createdAt().atZone(zone)), checkpoint.treeSize(), checkpoint.rootHash(),
        checkpoint.keyId().substring(0, Math.min(16, checkpoint.keyId().length())),
        checkpoint.previousKeyId() != null, checkpoint.madeBy())).toList();
  }
}
