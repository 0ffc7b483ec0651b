package org.liangze.selfcheck;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.liangze.platform.TransactionMemo;
import org.springframework.stereotype.Component;

/**
 * The units a campaign's batch job starts in its transaction ({@link SelfCheckCampaigns#unitsOf}), so that what each
 * unit's self-check reads as it opens — the unit, its list, its people, its evidence options — is read for the whole
 * batch at once: a few queries per batch instead of a few per unit. Outside a batch every unit is read alone.
 */
@Component
class SelfCheckBatch {

  private static final String UNITS = "units";

  private final TransactionMemo<String, List<String>> batch = new TransactionMemo<>();

  /** This transaction is about to start these units' self-checks. */
  void starting(List<String> unitCodes) {
    batch.put(UNITS, List.copyOf(unitCodes));
  }

  /**
   * What {@code memo} keeps for the unit in this transaction (under its code and {@code scope}, such as "/2025");
   * else {@code readAll} reads it for the unit and the rest of its batch not kept yet, all of which is kept. A unit
   * outside this transaction's batch is read alone; {@code absent} when the read has nothing for it.
   */
  <V> V read(TransactionMemo<String, V> memo, String unitCode, String scope,
      Function<List<String>, Map<String, V>> readAll, V absent) {
    V kept = memo.peek(unitCode + scope);
    if (kept != null) {
      return kept;
    }
    Map<String, V> read = readAll.apply(together(unitCode, unit -> memo.peek(unit + scope)));
    read.forEach((unit, value) -> memo.put(unit + scope, value));
    return read.getOrDefault(unitCode, absent);
  }

  /** The unit and the rest of its batch for which {@code kept} has nothing yet; the unit alone outside a batch. */
  private List<String> together(String unitCode, Function<String, ?> kept) {
    List<String> units = batch.peek(UNITS);
    if (units == null || !units.contains(unitCode)) {
      return List.of(unitCode);
    }
    return units.stream().filter(unit -> unit.equals(unitCode) || kept.apply(unit) == null).toList();
  }
}
