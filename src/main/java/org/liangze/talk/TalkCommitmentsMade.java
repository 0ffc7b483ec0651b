package org.liangze.talk;

import java.time.LocalDate;
import java.util.List;

/**
 * Published when a talk is recorded with commitments (整改承诺), in the recording's transaction: the rectification
 * ledger files each commitment as a row, which the talk's own follow-up then carries out and verifies.
 *
 * @param talkLabel what the talk was, e.g. "问题约谈：……" (the ledger's source)
 */
public record TalkCommitmentsMade(long talkId, String unitCode, String talkLabel, List<Commitment> commitments) {

  /** One commitment: its id (the ledger's reference), its position in the talk, what, and by when. */
  public record Commitment(long id, int position, String content, LocalDate dueDate) {
  }
}
