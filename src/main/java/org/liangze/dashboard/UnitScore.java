package org.liangze.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.liangze.organisation.UnitType;

/** A unit's stored score of a period under one formula version, with its rank among units of its type. */
public record UnitScore(String unitCode, String unitName, UnitType unitType, String period, String formulaVersion,
    BigDecimal score, int rankInType, int unitsInType, List<ScoreFormula.Component> components,
    Instant computedAt) {

  public String unitTypeLabel() {
    return unitType.label();
  }
}
