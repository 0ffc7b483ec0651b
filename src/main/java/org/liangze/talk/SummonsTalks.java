package org.liangze.talk;

import org.liangze.escalation.SummonsRequested;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A problem summons the escalation ladder requests starts a summons talk by itself, in the transaction in which the
 * ladder hands the request on (after the unit's climb has committed): either the talk starts and takes the request
 * up, or neither, and a later patrol hands it on again.
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
