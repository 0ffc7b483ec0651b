package org.liangze.rectification;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.liangze.record.CitationRefresh;
import org.liangze.record.UnitEvidenceChanged;
import org.liangze.rectification.RectificationProcess.Variables;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What the carry-out form offers as evidence (the unit's uploaded files and record-manual entries,
 * {@link CitationRefresh}): set when the rectification opens and refreshed on the unit's open rectifications
 * whenever it uploads a file or adds an entry. Nobody types a file number.
 */
@Component
class RectificationCitations {

  private final CitationRefresh citations;
  private final RuntimeService runtime;

  RectificationCitations(CitationRefresh citations, RuntimeService runtime) {
    this.citations = citations;
    this.runtime = runtime;
  }

  /** Puts the unit's options on the rectification (its start). */
  void offer(VariableScope scope, String unitCode) {
    citations.offer(scope, unitCode, Variables.EVIDENCE_OPTIONS, Variables.RECORD_OPTIONS);
  }

  /** After the upload or entry commits, the unit's open rectifications get the new lists. */
  @TransactionalEventListener(fallbackExecution = true)
  void refresh(UnitEvidenceChanged changed) {
    citations.refresh(changed.unitCode(), "rectifications", () -> runtime.createProcessInstanceQuery()
        .processDefinitionKey(RectificationProcess.KEY)
        .variableValueEquals(Variables.UNIT_CODE, changed.unitCode())
        .active()
        .list(), Variables.EVIDENCE_OPTIONS, Variables.RECORD_OPTIONS);
  }
}
