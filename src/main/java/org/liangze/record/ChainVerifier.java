package org.liangze.record;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
 */
@Service
public class ChainVerifier {

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final RecordRepository repository;
  private final int parallelism;

  ChainVerifier(RecordRepository repository) {
    this.repository = repository;
    this.parallelism = Runtime.getRuntime().availableProcessors();
  }

  @Transactional(readOnly = true)
  public ChainReport verify(String unitCode) {
    return walk(unitCode);
  }

  /** Every unit's chain, in unit order. */
  public List<ChainReport> verifyAll() {
    List<String> units = repository.unitsWithEntries();
    int threads = Math.min(parallelism, units.size());
    if (threads <= 1) {
      return units.stream().map(this::walk).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
      Thread thread = new Thread(task, "chain-verifier-" + THREADS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<ChainReport>> walks = new ArrayList<>(units.size());
      for (String unit : units) {
        walks.add(pool.submit(() -> walk(unit)));
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

  private ChainReport walk(String unitCode) {
    Walk walk = new Walk();
    repository.forEachEntry(unitCode, walk::check);
    if (walk.firstBreak == null) {
      repository.head(unitCode).ifPresent(head -> {
        if (head.lastSeq() != walk.lastSeq || !head.lastHash().equals(walk.lastHash)) {
          walk.firstBreak = new Break(walk.lastSeq + 1, Problem.TAIL_MISSING, head.lastHash(),
              walk.lastSeq == 0 ? null : walk.lastHash);
        }
      });
    }
    return new ChainReport(unitCode, walk.checked, walk.firstBreak);
  }

  /** The state of one walk along a chain. */
  private static final class Walk {
    long checked;
    long lastSeq;
    String lastHash = RecordHashing.GENESIS;
    Break firstBreak;

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
        }
      }
      lastSeq = entry.seq();
      lastHash = entry.entryHash();
    }
  }
}
