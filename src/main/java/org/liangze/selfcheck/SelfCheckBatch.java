package org.liangze.selfcheck;

import java.util.List;
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
   * The units to read together with this one: the rest of its batch for which {@code kept} has nothing yet, or the
   * unit alone when it is not in this transaction's batch.
   */
  List<String> together(String unitCode, Function<String, ?> kept) {
    List<String> units = batch.peek(UNITS);
    if (units == null || !units.contains(unitCode)) {
      return List.of(unitCode);
    }
    return units.stream().filter(unit -> unit.equals(unitCode) || kept.apply(unit) == null).toList();
  }
}
