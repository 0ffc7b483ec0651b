package org.liangze.record;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.liangze.record.ChainReport.Break;
import org.liangze.record.ChainReport.Problem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Walks a unit's chain in sequence order, recomputing every hash: an edited entry no longer matches its hash, a
 * deleted one leaves a gap whose successor names a hash nobody has, and a deleted tail falls short of the chain
 * head. Reports the first break exactly.
 *
 * <p>Verifying the whole record manual walks the units' chains in parallel, one chain per thread and database
 * connection, on as many threads as there are processors: each chain is independent, and a chain's entries are
 * streamed from the database ({@link RecordRepository#forEachEntry}), so memory does not grow with the manual.
 *
 * <p>Signed checkpoints ({@link CheckpointVerifier}): the walk also notes the hash the recomputed chain has at every
 * entry a checkpoint (or a kept receipt) signed as the unit's head. A chain rewritten and re-sealed after a
 * checkpoint is intact in itself but differs there: {@link ChainReport.Problem#CHECKPOINT_MISMATCH} at the first
 * signed head that differs, from a checkpoint that verifies. A newest checkpoint that does not verify is
 * {@link ChainReport.Problem#CHECKPOINT_INVALID}.
 */
@Service
public class ChainVerifier {

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final RecordRepository repository;
  private final Supplier<CheckpointVerifier.Context> checkpoints;
  private final int parallelism;

  @org.springframework.beans.factory.annotation.Autowired
  ChainVerifier(RecordRepository repository, CheckpointVerifier checkpoints) {
    this(repository, checkpoints::context);
  }

  ChainVerifier(RecordRepository repository, Supplier<CheckpointVerifier.Context> checkpoints) {
    this.repository = repository;
    this.checkpoints = checkpoints;
    this.parallelism = Runtime.getRuntime().availableProcessors();
  }

  @Transactional(readOnly = true)
  public ChainReport verify(String unitCode) {
    return walk(unitCode, checkpoints.get());
  }

  ChainReport verify(String unitCode, CheckpointVerifier.Context context) {
    return walk(unitCode, context);
  }

  /** Every unit's chain, in unit order. */
  public List<ChainReport> verifyAll() {
    return verifyAll(checkpoints.get());
  }

  /** Every unit's chain, in unit order, against the checkpoints of one verification run. */
  List<ChainReport> verifyAll(CheckpointVerifier.Context context) {
    List<String> units = repository.unitsWithEntries();
    int threads = Math.min(parallelism, units.size());
    if (threads <= 1) {
      return units.stream().map(unit -> walk(unit, context)).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
      Thread thread = new Thread(task, "chain-verifier-" + THREADS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<ChainReport>> walks = new ArrayList<>(units.size());
      for (String unit : units) {
        walks.add(pool.submit(() -> walk(unit, context)));
      }
      List<ChainReport> reports = new ArrayList<>(units.size());
      for (Future<ChainReport> walk : walks) {
        reports.add(walk.get());
      }
      return reports;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Chain verification interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("Chain verification failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private ChainReport walk(String unitCode, CheckpointVerifier.Context context) {
    List<SignedHead> signed = context == null ? List.of() : context.signedHeads(unitCode);
    Walk walk = new Walk(signed);
    repository.forEachEntry(unitCode, walk::check);
    if (walk.firstBreak == null) {
      repository.head(unitCode).ifPresent(head -> {
        if (head.lastSeq() != walk.lastSeq || !head.lastHash().equals(walk.lastHash)) {
          walk.firstBreak = new Break(walk.lastSeq + 1, Problem.TAIL_MISSING, head.lastHash(),
              walk.lastSeq == 0 ? null : walk.lastHash);
        }
      });
    }
    if (signed.isEmpty()) {
      return new ChainReport(unitCode, walk.checked, walk.firstBreak);
    }
    Break firstBreak = walk.firstBreak;
    // the first signed head the recomputed chain no longer has, from a checkpoint that verifies
    for (SignedHead head : signed.stream().sorted(Comparator.comparingLong(SignedHead::seq)
        .thenComparingLong(SignedHead::checkpointSeq)).toList()) {
      if (firstBreak != null && firstBreak.seq() <= head.seq()) {
        break;
      }
      String found = walk.observed.get(head.seq());
      if (!head.hash().equals(found) && (head.fromReceipt() || context.valid(head.checkpointSeq()))) {
        firstBreak = new Break(head.seq(), Problem.CHECKPOINT_MISMATCH, head.hash(), found);
        break;
      }
    }
    // the newest stored checkpoint covering the chain must verify, or the table was changed to fit a rewrite
    Long checkedAgainst = null;
    List<SignedHead> stored = signed.stream().filter(head -> !head.fromReceipt())
        .sorted(Comparator.comparingLong(SignedHead::checkpointSeq).reversed()).toList();
    for (SignedHead head : stored) {
      if (context.valid(head.checkpointSeq())) {
        checkedAgainst = head.checkpointSeq();
        break;
      }
      if (head == stored.get(0) && (firstBreak == null || head.seq() < firstBreak.seq())) {
        Checkpoint invalid = context.checkpoint(head.checkpointSeq());
        firstBreak = new Break(head.seq(), Problem.CHECKPOINT_INVALID, invalid.rootHash(),
            context.recomputedRoot(head.checkpointSeq()));
      }
    }
    return new ChainReport(unitCode, walk.checked, firstBreak, checkedAgainst);
  }

  /** The state of one walk along a chain. */
  private static final class Walk {
    long checked;
    long lastSeq;
    String lastHash = RecordHashing.GENESIS;
    Break firstBreak;
    /** Entries a checkpoint signed as the head, and the hash the recomputed chain has there. */
    final Set<Long> signedSeqs = new HashSet<>();
    final Map<Long, String> observed = new HashMap<>();

    Walk(List<SignedHead> signed) {
      signed.forEach(head -> signedSeqs.add(head.seq()));
    }

    void check(RecordEntry entry) {
      if (firstBreak != null) {
        return;
      }
      checked++;
      long expectedSeq = lastSeq + 1;
      if (entry.seq() != expectedSeq) {
        // the missing entry's hash is what its successor links to
        firstBreak = new Break(expectedSeq, Problem.MISSING, entry.previousHash(), null);
      } else if (!RecordHashing.isSupported(entry.hashAlgorithm())) {
        firstBreak = new Break(entry.seq(), Problem.UNKNOWN_ALGORITHM, entry.entryHash(), null);
      } else if (!entry.previousHash().equals(lastHash)) {
        firstBreak = new Break(entry.seq(), Problem.RELINKED, lastHash, entry.previousHash());
      } else {
        String recomputed = RecordHashing.hash(entry);
        if (!recomputed.equals(entry.entryHash())) {
          firstBreak = new Break(entry.seq(), Problem.EDITED, entry.entryHash(), recomputed);
        } else if (signedSeqs.contains(entry.seq())) {
          observed.put(entry.seq(), recomputed);
        }
      }
      lastSeq = entry.seq();
      lastHash = entry.entryHash();
    }
  }
}
