package org.liangze.rectification;

import org.liangze.talk.TalkCommitmentFulfilled;
import org.liangze.talk.TalkCommitmentsMade;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Talk commitments (谈话承诺) in the ledger: each commitment a row, in the talk's own transaction, closed when the
 * commission verifies it. The talk's follow-up (a user task due on the commitment's date) carries the work, so the
 * escalation ladder watches it there.
 */
@Component
class TalkCommitmentRows {

  private final RectificationLedger ledger;

  TalkCommitmentRows(RectificationLedger ledger) {
    this.ledger = ledger;
  }

  @EventListener
  void made(TalkCommitmentsMade made) {
    for (TalkCommitmentsMade.Commitment commitment : made.commitments()) {
      ledger.followed(made.unitCode(), LedgerSource.TALK, made.talkLabel(), String.valueOf(commitment.id()),
          commitment.position(), commitment.content(), null, commitment.dueDate());
    }
  }

  @EventListener
  void fulfilled(TalkCommitmentFulfilled fulfilled) {
    ledger.followedClosed(LedgerSource.TALK, String.valueOf(fulfilled.commitmentId()), fulfilled.verifiedBy());
  }
}
