package org.liangze.dashboard;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The unit score formula's numbers and its version (README "Scoring", docs/scoring.md). The weights of the six rates
 * add up to 1; the deductions are points taken off per decided accountability case (by the heaviest of the four forms
 * its decided measures belong to), per flag or reused file.
 */
@ConfigurationProperties("liangze.scoring")
public record ScoringProperties(
    @DefaultValue("2026.2") String version,
    @DefaultValue Weights weights,
    @DefaultValue("1") int talksPerQuarter,
    @DefaultValue Deductions deductions) {

  public ScoringProperties {
    if (version == null || version.isBlank() || version.length() > 32) {
      throw new IllegalArgumentException("liangze.scoring.version must be 1-32 characters");
    }
    BigDecimal sum = weights.timeliness().add(weights.selfCheck()).add(weights.rectificationRate())
        .add(weights.rectificationSpeed()).add(weights.evidence()).add(weights.talks());
    if (sum.compareTo(BigDecimal.ONE) != 0) {
      throw new IllegalArgumentException("liangze.scoring.weights must add up to 1, not " + sum);
    }
    if (talksPerQuarter < 1) {
      throw new IllegalArgumentException("liangze.scoring.talks-per-quarter must be at least 1");
    }
  }

  public record Weights(
      @DefaultValue("0.30") BigDecimal timeliness,
      @DefaultValue("0.20") BigDecimal selfCheck,
      @DefaultValue("0.15") BigDecimal rectificationRate,
      @DefaultValue("0.10") BigDecimal rectificationSpeed,
      @DefaultValue("0.15") BigDecimal evidence,
      @DefaultValue("0.10") BigDecimal talks) {
  }

  /**
   * Points off per accountability case with decided measures, by the heaviest form (of the four forms) among them;
   * a case dismissed, found unfounded or not yet decided costs nothing.
   */
  public record Deductions(
      @DefaultValue("2") BigDecimal firstFormCase,
      @DefaultValue("5") BigDecimal secondFormCase,
      @DefaultValue("8") BigDecimal thirdFormCase,
      @DefaultValue("10") BigDecimal fourthFormCase,
      @DefaultValue("3") BigDecimal copyFlag,
      @DefaultValue("2") BigDecimal reusedEvidence) {

    /** The deduction of a case whose heaviest decided measure is of this form (1–4). */
    public BigDecimal caseOfForm(int form) {
      return switch (form) {
        case 1 -> firstFormCase;
        case 2 -> secondFormCase;
        case 3 -> thirdFormCase;
        case 4 -> fourthFormCase;
        default -> throw new IllegalArgumentException("No form " + form + " of the four forms");
      };
    }
  }
}
