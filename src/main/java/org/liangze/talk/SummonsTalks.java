package org.liangze.talk;

import org.liangze.escalation.SummonsRequested;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A problem summons the escalation ladder requests starts a summons talk by itself, in the same transaction as the
 * request, so either both happen or neither.
 */
@Component
class SummonsTalks {

  private final Talks talks;

  SummonsTalks(Talks talks) {
    this.talks = talks;
  }

  @EventListener
  void on(SummonsRequested request) {
    talks.startSummons(request);
  }
}
