package org.liangze.lists;

import java.util.List;

/**
 * One finding of the automatic checks, for the discipline commission to weigh; it never blocks a draft.
 *
 * @param similarUnitCode for {@link QualityFlagKind#COPYING}: the unit whose list the draft resembles most
 * @param similarity for COPYING: how similar, 0–1
 * @param itemPositions for RELABELLING and MISSING_RISK_POINT: the items concerned, numbered from 1
 * @param itemCount for STUFFING: how many items the draft has
 * @param maxItems for STUFFING: how many are allowed before it is flagged
 * @param message the finding in a sentence, as the reviewer reads it
 */
public record QualityFlag(QualityFlagKind kind, String similarUnitCode, Double similarity, List<Integer> itemPositions,
    Integer itemCount, Integer maxItems, String message) {

  public QualityFlag {
    itemPositions = itemPositions == null ? List.of() : List.copyOf(itemPositions);
  }
}
