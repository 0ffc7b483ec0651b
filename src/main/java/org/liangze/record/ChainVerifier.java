package org.liangze.record;

import java.util.ArrayList;
import java.util.List;
import org.liangze.record.ChainReport.Break;
import org.liangze.record.ChainReport.Problem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Walks a unit's chain in sequence order, recomputing every hash: an edited entry no longer matches its hash, a
 * deleted one leaves a gap whose successor names a hash nobody has, and a deleted tail falls short of the chain
 * head. Reports the first break exactly.
 */
@Service
public class ChainVerifier {

  private final RecordRepository repository;

  ChainVerifier(RecordRepository repository) {
    this.repository = repository;
  }

  @Transactional(readOnly = true)
  public ChainReport verify(String unitCode) {
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

  @Transactional(readOnly = true)
  public List<ChainReport> verifyAll() {
    List<ChainReport> reports = new ArrayList<>();
    for (String unit : repository.unitsWithEntries()) {
      reports.add(verify(unit));
    }
    return reports;
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
