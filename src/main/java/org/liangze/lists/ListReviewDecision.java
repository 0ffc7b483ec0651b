package org.liangze.lists;

/** What the discipline commission does with a submitted tailored list. */
public enum ListReviewDecision {
  APPROVE,
  RETURN
}
