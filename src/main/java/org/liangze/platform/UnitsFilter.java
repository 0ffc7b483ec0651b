package org.liangze.platform;

import java.util.Collection;
import java.util.Map;

/**
 * Which units a read over many units' rows is about: some, by code, or every unit (null). The features' read APIs for
 * the dashboard and the scores take one, so that a page of units is one query with {@code unit_code in (:units)} and
 * the whole district one query without.
 *
 * @param codes the units' codes, or null for every unit
 */
public record UnitsFilter(Collection<String> codes) {

  /** Every unit. */
  public static final UnitsFilter EVERY_UNIT = new UnitsFilter(null);

  /** These units (null: every unit). */
  public static UnitsFilter of(Collection<String> codes) {
    return new UnitsFilter(codes);
  }

  /** True when the filter names no unit at all: the read has nothing to find. */
  public boolean none() {
    return codes != null && codes.isEmpty();
  }

  /** The condition to append to a where clause on this column: empty for every unit. */
  public String and(String column) {
    return codes == null ? "" : " and " + column + " in (:units)";
  }

  /** The named parameter the condition uses (none for every unit). */
  public Map<String, ?> params() {
    return codes == null ? Map.of() : Map.of("units", codes);
  }
}
