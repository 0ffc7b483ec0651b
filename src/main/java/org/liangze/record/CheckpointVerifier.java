package org.liangze.record;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Verifies the signed checkpoints: every checkpoint's signature under its key, every key back to a trusted one
 * (the chain of keys), every root over the stored heads, no checkpoint missing from the numbering, and — given
 * kept receipts — every receipt against the table. Also gives {@link ChainVerifier} the signed heads to check the
 * chains against.
 *
 * <p>Trust in keys: the anchors (the first key's public part, configured, or the signing key's) are trusted; a
 * checkpoint signed by a trusted key vouches for the previous key it names (trust passes back), and a checkpoint
 * whose key the trusted previous key endorsed makes that key trusted (trust passes forward). A key nobody trusted
 * vouched for signs nothing that counts.
 */
@Service
public class CheckpointVerifier {

  private final CheckpointRepository repository;
  private final Checkpoints checkpoints;

  CheckpointVerifier(CheckpointRepository repository, Checkpoints checkpoints) {
    this.repository = repository;
    this.checkpoints = checkpoints;
  }

  /** What is wrong with one checkpoint. */
  public record Problem(long checkpointSeq, Kind kind, String detail) {

    public String label() {
      return kind.label();
    }
  }

  public enum Kind {
    SIGNATURE_INVALID("签名无效"),
    UNTRUSTED_KEY("签名密钥不可信"),
    ROOT_MISMATCH("根哈希与所存链头不符"),
    MISSING("检查点缺失"),
    RECEIPT_MISMATCH("与保存的回执不符"),
    RECEIPT_INVALID("回执本身无效");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** The verdict over all checkpoints; {@code trustAnchors} is how many keys verification started from. */
  public record Report(int checkpoints, int receipts, int trustAnchors, List<Problem> problems) {

    public boolean intact() {
      return problems.isEmpty();
    }
  }

  /** A verification run over the checkpoints as stored now, with the platform's trust anchors. */
  Context context() {
    return new Context(repository, repository.all(), checkpoints.trustAnchors(), List.of());
  }

  /** Every checkpoint, against the platform's trust anchors. */
  public Report verifyAll() {
    return context().report();
  }

  static Context context(CheckpointRepository repository, List<String> anchors, List<CheckpointReceipt> receipts) {
    return new Context(repository, repository.all(), anchors, receipts);
  }

  /** One verification run: the checkpoints read once, the trusted keys worked out once, validity cached. */
  static final class Context {

    private final CheckpointRepository repository;
    private final Map<Long, Checkpoint> bySeq = new HashMap<>();
    private final List<Checkpoint> all;
    private final List<CheckpointReceipt> receipts;
    private final Set<String> trusted = new HashSet<>();
    private final int anchors;
    private final Map<Long, Boolean> valid = new ConcurrentHashMap<>();
    private final Map<Long, String> recomputedRoots = new ConcurrentHashMap<>();
    /** The valid receipts' heads, by unit. */
    private final Map<String, List<SignedHead>> receiptHeads = new HashMap<>();

    Context(CheckpointRepository repository, List<Checkpoint> all, List<String> anchorKeys,
        List<CheckpointReceipt> receipts) {
      this.repository = repository;
      this.all = all;
      this.receipts = receipts;
      all.forEach(checkpoint -> bySeq.put(checkpoint.seq(), checkpoint));
      Map<String, String> publicKeys = new HashMap<>();
      List<String> anchorList = new ArrayList<>(anchorKeys);
      // receipts kept outside were true when they were handed out: their keys are anchors too
      receipts.forEach(receipt -> anchorList.add(receipt.publicKey()));
      if (anchorList.isEmpty() && !all.isEmpty()) {
        // no key configured anywhere: start from the first checkpoint's key (trust on first use)
        anchorList.add(all.get(0).publicKey());
      }
      for (String key : anchorList) {
        String id = CheckpointKeys.fingerprint(key);
        trusted.add(id);
        publicKeys.put(id, key);
      }
      this.anchors = (int) anchorList.stream().distinct().count();
      List<Checkpoint> signers = new ArrayList<>(all);
      receipts.forEach(receipt -> signers.add(receipt.checkpoint()));
      for (Checkpoint checkpoint : signers) {
        if (CheckpointKeys.fingerprint(checkpoint.publicKey()).equals(checkpoint.keyId())) {
          publicKeys.putIfAbsent(checkpoint.keyId(), checkpoint.publicKey());
        }
      }
      boolean changed = true;
      while (changed) {
        changed = false;
        for (Checkpoint checkpoint : signers) {
          if (!signed(checkpoint)) {
            continue;
          }
          String previous = checkpoint.previousKeyId();
          if (trusted.contains(checkpoint.keyId()) && previous != null && trusted.add(previous)) {
            changed = true;
          }
          if (!trusted.contains(checkpoint.keyId()) && previous != null && trusted.contains(previous)
              && publicKeys.containsKey(previous) && checkpoint.keyEndorsement() != null
              && CheckpointKeys.verify(publicKeys.get(previous),
                  CheckpointKeys.endorsementStatement(java.util.Base64.getDecoder().decode(checkpoint.publicKey())),
                  checkpoint.keyEndorsement())) {
            trusted.add(checkpoint.keyId());
            changed = true;
          }
        }
      }
      for (CheckpointReceipt receipt : receipts) {
        if (receiptProblem(receipt) == null) {
          for (CheckpointTree.Leaf leaf : receipt.leaves()) {
            receiptHeads.computeIfAbsent(leaf.unitCode(), unit -> new ArrayList<>())
                .add(new SignedHead(receipt.seq(), leaf.unitCode(), leaf.seq(), leaf.headHash(), true));
          }
        }
      }
    }

    /** The signature is the named key's over the statement. */
    private static boolean signed(Checkpoint checkpoint) {
      return CheckpointKeys.fingerprint(checkpoint.publicKey()).equals(checkpoint.keyId())
          && CheckpointKeys.verify(checkpoint.publicKey(), checkpoint.statementBytes(), checkpoint.signature());
    }

    /** Whether the stored checkpoint verifies: signed, by a trusted key, over the stored heads. */
    boolean valid(long seq) {
      return valid.computeIfAbsent(seq, n -> problem(bySeq.get(n)) == null);
    }

    private Problem problem(Checkpoint checkpoint) {
      if (checkpoint == null) {
        return null;
      }
      if (!signed(checkpoint)) {
        return new Problem(checkpoint.seq(), Kind.SIGNATURE_INVALID, "签名与检查点内容或公钥不符");
      }
      if (!trusted.contains(checkpoint.keyId())) {
        return new Problem(checkpoint.seq(), Kind.UNTRUSTED_KEY, "密钥 " + shortId(checkpoint.keyId())
            + "… 无法追溯到可信公钥");
      }
      List<CheckpointTree.Leaf> leaves = repository.leaves(checkpoint.seq());
      String root = CheckpointTree.root(leaves);
      recomputedRoots.put(checkpoint.seq(), root);
      if (leaves.size() != checkpoint.treeSize() || !root.equals(checkpoint.rootHash())) {
        return new Problem(checkpoint.seq(), Kind.ROOT_MISMATCH, "签名的根哈希 " + checkpoint.rootHash()
            + "（" + checkpoint.treeSize() + " 个链头），按所存链头重算为 " + root + "（" + leaves.size() + " 个链头）");
      }
      return null;
    }

    private Problem receiptProblem(CheckpointReceipt receipt) {
      Checkpoint kept = receipt.checkpoint();
      if (!signed(kept) || !trusted.contains(kept.keyId())) {
        return new Problem(kept.seq(), Kind.RECEIPT_INVALID, "回执的签名或密钥不成立");
      }
      List<CheckpointTree.Leaf> leaves = receipt.leaves();
      if (leaves.size() != kept.treeSize() || !CheckpointTree.root(leaves).equals(kept.rootHash())) {
        return new Problem(kept.seq(), Kind.RECEIPT_INVALID, "回执所列链头与其签名的根哈希不符");
      }
      return null;
    }

    /** The recomputed root of a stored checkpoint (after {@link #valid}), for the report. */
    String recomputedRoot(long seq) {
      valid(seq);
      return recomputedRoots.get(seq);
    }

    /** The unit's signed heads: from every stored checkpoint and every valid receipt. */
    List<SignedHead> signedHeads(String unitCode) {
      List<SignedHead> heads = new ArrayList<>(repository.signedHeads(unitCode));
      heads.addAll(receiptHeads.getOrDefault(unitCode, List.of()));
      return heads;
    }

    Checkpoint checkpoint(long seq) {
      return bySeq.get(seq);
    }

    Report report() {
      List<Problem> problems = new ArrayList<>();
      long expected = 1;
      for (Checkpoint checkpoint : all) {
        for (long missing = expected; missing < checkpoint.seq(); missing++) {
          problems.add(new Problem(missing, Kind.MISSING, "检查点编号不连续：第 " + missing + " 号不在数据库中"));
        }
        expected = checkpoint.seq() + 1;
        Problem problem = problem(checkpoint);
        valid.put(checkpoint.seq(), problem == null);
        if (problem != null) {
          problems.add(problem);
        }
      }
      for (CheckpointReceipt receipt : receipts.stream().sorted(Comparator.comparingLong(CheckpointReceipt::seq))
          .toList()) {
        Problem invalid = receiptProblem(receipt);
        if (invalid != null) {
          problems.add(invalid);
          continue;
        }
        Checkpoint stored = bySeq.get(receipt.seq());
        if (stored == null) {
          problems.add(new Problem(receipt.seq(), Kind.MISSING, "保存的回执第 " + receipt.seq()
              + " 号（根哈希 " + receipt.rootHash() + "）在数据库中已不存在"));
        } else if (!stored.rootHash().equals(receipt.rootHash()) || !stored.signature().equals(receipt.signature())
            || stored.treeSize() != receipt.treeSize() || !stored.createdAt().equals(receipt.createdAt())
            || !stored.keyId().equals(receipt.keyId())) {
          problems.add(new Problem(receipt.seq(), Kind.RECEIPT_MISMATCH, "回执根哈希 " + receipt.rootHash()
              + "，数据库中为 " + stored.rootHash()));
        } else if (!receipt.rootHash().equals(recomputedRoot(receipt.seq()))) {
          problems.add(new Problem(receipt.seq(), Kind.RECEIPT_MISMATCH, "回执根哈希 " + receipt.rootHash()
              + "，按数据库所存链头重算为 " + recomputedRoot(receipt.seq())));
        }
      }
      return new Report(all.size(), receipts.size(), anchors, problems);
    }

    private static String shortId(String keyId) {
      return keyId == null ? "" : keyId.substring(0, Math.min(16, keyId.length()));
    }
  }
}
