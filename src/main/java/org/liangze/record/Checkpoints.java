package org.liangze.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.liangze.platform.ConflictException;
import org.liangze.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes and reads the signed checkpoints of the record manual (see {@link Checkpoint}). A checkpoint combines every
 * unit's chain head, read in one statement, into a Merkle root and signs it with the key from
 * {@code liangze.record.checkpoint.key-file}; the database holds the signature and the public key, never the
 * private key.
 */
@Service
public class Checkpoints {

  private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

  private final CheckpointRepository repository;
  private final CheckpointProperties properties;
  private final Clock clock;

  Checkpoints(CheckpointRepository repository, CheckpointProperties properties, Clock clock) {
    this.repository = repository;
    this.properties = properties;
    this.clock = clock;
    if (properties.generateMissingKey() && properties.keyFile() != null && !Files.exists(properties.keyFile())) {
      try {
        CheckpointKeys.write(properties.keyFile(), CheckpointKeys.generate(), null);
        LOG.warn("Generated a demo checkpoint signing key at {} (the demo only: production keys are generated "
            + "with CheckpointKeyCli and kept off the database server's disks)", properties.keyFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (!canSign()) {
      LOG.warn("No checkpoint signing key (liangze.record.checkpoint.key-file, LIANGZE_CHECKPOINT_KEY): no signed "
          + "checkpoints will be made, so a rewrite by someone with the database's owner rights would go unnoticed "
          + "(README \"Who can rewrite the record\")");
    }
  }

  /** What a checkpoint covers of one unit: the signed head, and the checkpoint. */
  public record Coverage(long checkpointSeq, Instant createdAt, String rootHash, long coveredSeq) {
  }

  /** Whether a signing key is configured and readable. */
  public boolean canSign() {
    return properties.keyFile() != null && Files.isReadable(properties.keyFile());
  }

  /**
   * Makes a checkpoint now. Refused with a clear message when no key is configured, or when the key changed
   * without the previous key's endorsement.
   */
  @Transactional
  public Checkpoint make(String madeBy) {
    CheckpointKeys.SigningKey key = signingKey()
        .orElseThrow(() -> new ConflictException("未配置检查点签名密钥（LIANGZE_CHECKPOINT_KEY），无法制作签名检查点；"
            + "已有检查点的校验不受影响。"));
    Optional<Checkpoint> latest = repository.latest();
    String previousKeyId = null;
    String endorsement = null;
    if (latest.isPresent() && !latest.get().keyId().equals(key.keyId())) {
      CheckpointKeys.Endorsement handover = key.endorsement();
      if (handover != null && (handover.previousKeyId().equals(latest.get().keyId())
          || repository.signedBefore(handover.previousKeyId(), handover.previousPublicKey()))) {
        previousKeyId = handover.previousKeyId();
        endorsement = handover.signature();
      } else if (!repository.signedBefore(key.keyId(), key.publicKeyBase64())) {
        throw new ConflictException("签名密钥已更换，但新密钥未经上一把密钥签署（上一把密钥指纹 "
            + latest.get().keyId().substring(0, 16) + "…）：请用 CheckpointKeyCli --previous 生成新密钥。");
      }
      // else: this key signed checkpoints before; a newest row under a key it does not know is verification's to
      // report (a row someone inserted), not a reason to stop signing
    }
    List<CheckpointTree.Leaf> leaves = repository.currentHeads();
    long seq = latest.map(Checkpoint::seq).orElse(0L) + 1;
    // the database keeps microseconds; sign exactly what will be read back
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String root = CheckpointTree.root(leaves);
    String statement = Checkpoint.statement(seq, now, leaves.size(), root, key.keyId(), previousKeyId);
    String signature = CheckpointKeys.sign(key.privateKey(),
        statement.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Checkpoint checkpoint = new Checkpoint(seq, now, leaves.size(), root, key.keyId(), key.publicKeyBase64(),
        previousKeyId, endorsement, signature, madeBy);
    try {
      repository.insert(checkpoint, leaves);
    } catch (DuplicateKeyException e) {
      throw new ConflictException("另一个签名检查点正在制作，请稍后再试");
    }
    LOG.info("Checkpoint {} made by {}: {} chain heads, root {}", seq, madeBy, leaves.size(), root);
    return checkpoint;
  }

  public Optional<Checkpoint> latest() {
    return repository.latest();
  }

  /** Every checkpoint, newest first. */
  public List<Checkpoint> list() {
    List<Checkpoint> all = new java.util.ArrayList<>(repository.all());
    java.util.Collections.reverse(all);
    return all;
  }

  public Checkpoint find(long seq) {
    return repository.find(seq).orElseThrow(() -> new NotFoundException("签名检查点不存在"));
  }

  /** Everything needed to verify the checkpoint without the platform: the checkpoint and its leaves. */
  public CheckpointReceipt receipt(long seq) {
    return CheckpointReceipt.of(find(seq), repository.leaves(seq));
  }

  /** The newest checkpoint, and how far it covers the unit's chain (0 if the unit had no entries then). */
  public Optional<Coverage> coverage(String unitCode) {
    return repository.latest().map(checkpoint -> coverage(checkpoint, unitCode));
  }

  /** How far the checkpoint covers the unit's chain. */
  public Optional<Coverage> coverage(long checkpointSeq, String unitCode) {
    return repository.find(checkpointSeq).map(checkpoint -> coverage(checkpoint, unitCode));
  }

  /** The newest checkpoint made at or before the moment, and how far it covers the unit's chain. */
  public Optional<Coverage> coverageAt(String unitCode, Instant moment) {
    return repository.latestAtOrBefore(moment).map(checkpoint -> coverage(checkpoint, unitCode));
  }

  /** The oldest checkpoint whose signed head of the unit's chain is this entry or a later one: it seals the entry. */
  public Optional<Coverage> firstCovering(String unitCode, long seq) {
    return repository.firstCovering(unitCode, seq).flatMap(checkpointSeq -> coverage(checkpointSeq, unitCode));
  }

  private Coverage coverage(Checkpoint checkpoint, String unitCode) {
    long seq = repository.leaf(checkpoint.seq(), unitCode).map(CheckpointTree.Leaf::seq).orElse(0L);
    return new Coverage(checkpoint.seq(), checkpoint.createdAt(), checkpoint.rootHash(), seq);
  }

  /** The public part of the configured signing key, PEM, to show and to hand out; empty without a key. */
  public Optional<String> publicKeyPem() {
    return signingKey().map(key -> CheckpointKeys.publicPem(key.publicKey().getEncoded()));
  }

  public Optional<String> keyId() {
    return signingKey().map(CheckpointKeys.SigningKey::keyId);
  }

  /** The keys verification starts from: the configured first key's public part, else the signing key's. */
  List<String> trustAnchors() {
    if (properties.trustedKeyFile() != null && Files.isReadable(properties.trustedKeyFile())) {
      return CheckpointKeys.readPublicKeys(properties.trustedKeyFile());
    }
    return signingKey().map(key -> List.of(key.publicKeyBase64())).orElse(List.of());
  }

  private Optional<CheckpointKeys.SigningKey> signingKey() {
    Path file = properties.keyFile();
    if (file == null || file.toString().isBlank() || !Files.isReadable(file)) {
      return Optional.empty();
    }
    return Optional.of(CheckpointKeys.read(file));
  }
}
