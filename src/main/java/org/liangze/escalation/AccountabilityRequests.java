package org.liangze.escalation;

import org.springframework.stereotype.Service;

/**
 * The ladder's accountability requests (its table {@code accountability_requests}, one per unit, cause and period),
 * for the case that takes one up: whether it is still open, and taking it up once.
 */
@Service
public class AccountabilityRequests {

  private final EscalationRepository escalations;

  AccountabilityRequests(EscalationRepository escalations) {
    this.escalations = escalations;
  }

  /** Marks the request as taken up by a case; false if it was taken up before (or does not exist). */
  public boolean takeUp(long requestId) {
    return escalations.takeUpAccountabilityRequest(requestId);
  }
}
