package org.liangze.escalation;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** How often the patrol runs, reached from the patrol model's timer as {@code ${escalationSchedule.cycle()}}. */
@Component("escalationSchedule")
public class EscalationSchedule {

  private final String cycle;

  EscalationSchedule(@Value("${liangze.escalation.patrol-cycle:R/PT1H}") String cycle) {
    this.cycle = cycle;
  }

  public String cycle() {
    return cycle;
  }
}
