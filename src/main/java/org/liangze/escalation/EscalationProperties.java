package org.liangze.escalation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the patrol works; the ladder's thresholds are not configuration but a decision table a designer changes
 * ({@link EscalationPolicy}, {@code processes/escalation-policy.dmn}).
 *
 * @param pageSize how many tasks of one unit the patrol climbs in one transaction (1–500); a unit with more takes
 *     several
 */
@ConfigurationProperties("liangze.escalation")
public record EscalationProperties(@DefaultValue("200") int pageSize) {

  public static final int MAX_PAGE_SIZE = 500;

  public EscalationProperties {
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("Escalation page size must be 1-" + MAX_PAGE_SIZE + ": " + pageSize);
    }
  }
}
