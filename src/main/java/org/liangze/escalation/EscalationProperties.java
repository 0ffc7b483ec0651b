package org.liangze.escalation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The escalation ladder's thresholds (DESIGN §3), as ISO-8601 durations measured against a task's due date.
 *
 * @param remindBefore how long before its due date a task turns blue (reminder)
 * @param summonsAfter how long after its due date an overdue (yellow) task turns red (problem summons)
 * @param accountabilityAfter how long after its due date an overdue task leads to an accountability case
 * @param pageSize how many tasks of one unit the patrol climbs in one transaction (1–500); a unit with more takes
 *     several
 */
@ConfigurationProperties("liangze.escalation")
public record EscalationProperties(
    @DefaultValue("P2D") Duration remindBefore,
    @DefaultValue("P5D") Duration summonsAfter,
    @DefaultValue("P15D") Duration accountabilityAfter,
    @DefaultValue("200") int pageSize) {

  public static final int MAX_PAGE_SIZE = 500;

  public EscalationProperties {
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("Escalation page size must be 1-" + MAX_PAGE_SIZE + ": " + pageSize);
    }
    if (remindBefore.isNegative() || summonsAfter.isNegative() || accountabilityAfter.isNegative()) {
      throw new IllegalArgumentException("Escalation durations must not be negative");
    }
  }
}
