package org.liangze.escalation;

import java.util.Optional;
import org.springframework.stereotype.Service;

/** The ladder's problem summons requests, for the talk that takes one up: its unit, and taking it up once. */
@Service
public class SummonsRequests {

  private final EscalationRepository escalations;

  SummonsRequests(EscalationRepository escalations) {
    this.escalations = escalations;
  }

  public Optional<String> unitOf(long requestId) {
    return escalations.unitOfSummonsRequest(requestId);
  }

  /** Marks the request of this unit as taken up by a talk; false if it is not the unit's, or was taken up before. */
  public boolean takeUp(long requestId, String unitCode) {
    return escalations.takeUpSummonsRequest(requestId, unitCode);
  }
}
