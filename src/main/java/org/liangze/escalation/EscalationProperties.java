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
 */
@ConfigurationProperties("liangze.escalation")
public record EscalationProperties(
    @DefaultValue("P2D") Duration remindBefore,
    @DefaultValue("P5D") Duration summonsAfter,
    @DefaultValue("P15D") Duration accountabilityAfter) {

  public EscalationProperties {
    if (remindBefore.isNegative() || summonsAfter.isNegative() || accountabilityAfter.isNegative()) {
      throw new IllegalArgumentException("Escalation durations must not be negative");
    }
  }
}
