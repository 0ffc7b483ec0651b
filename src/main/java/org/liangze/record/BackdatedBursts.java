package org.liangze.record;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds bursts of back-dated entries: at least {@code size} entries, each recorded more than {@code lateAfter}
 * after it happened, all recorded within {@code window}. A burst that ends shortly before a deadline (a self-check
 * or report due date) is the pattern of a manual written up for the check rather than kept as the work happened.
 */
final class BackdatedBursts {

  /** A burst: its entries' sequence numbers, when it started and ended, and the deadline it preceded, if any. */
  record Burst(List<Long> seqs, Instant from, Instant to, Instant deadline) {
  }

  private BackdatedBursts() {
  }

  static List<Burst> find(List<RecordEntry> entries, List<Instant> deadlines, Duration lateAfter, Duration window,
      int size) {
    List<RecordEntry> backdated = entries.stream()
        .filter(e -> Duration.between(e.occurredAt(), e.recordedAt()).compareTo(lateAfter) > 0)
        .sorted((a, b) -> a.recordedAt().compareTo(b.recordedAt()))
        .toList();
    List<Burst> bursts = new ArrayList<>();
    int start = 0;
    while (start < backdated.size()) {
      int end = start;
      while (end + 1 < backdated.size()
          && Duration.between(backdated.get(start).recordedAt(), backdated.get(end + 1).recordedAt())
              .compareTo(window) <= 0) {
        end++;
      }
      if (end - start + 1 >= size) {
        Instant from = backdated.get(start).recordedAt();
        Instant to = backdated.get(end).recordedAt();
        Instant deadline = deadlines.stream()
            .filter(d -> !d.isBefore(to) && Duration.between(to, d).compareTo(window) <= 0)
            .min(Instant::compareTo).orElse(null);
        bursts.add(new Burst(backdated.subList(start, end + 1).stream().map(RecordEntry::seq).toList(), from, to,
            deadline));
        start = end + 1;
      } else {
        start++;
      }
    }
    return bursts;
  }
}
