package org.liangze.selfcheck;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.liangze.platform.TransactionMemo;
import org.liangze.record.CitationOptions;
import org.liangze.record.CitationRefresh;
import org.liangze.record.UnitEvidenceChanged;
import org.liangze.selfcheck.UnitSelfCheckProcess.Variables;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What the assessment form offers for picking as evidence (the files the unit uploaded and the entries its people
 * wrote into its record manual, {@link CitationRefresh}): set when the self-check opens and refreshed on the unit's
 * open self-checks whenever it uploads a file or adds an entry. Nobody types a file number.
 */
@Component
class SelfCheckCitations {

  private final CitationRefresh citations;
  private final CitationOptions options;
  private final RuntimeService runtime;
  private final SelfCheckBatch batch;
  /** Each unit's options, read for a campaign's whole batch at once ({@link SelfCheckBatch}). */
  private final TransactionMemo<String, CitationOptions.OptionVariables> offered = new TransactionMemo<>();

  SelfCheckCitations(CitationRefresh citations, CitationOptions options, RuntimeService runtime,
      SelfCheckBatch batch) {
    this.citations = citations;
    this.options = options;
    this.runtime = runtime;
    this.batch = batch;
  }

  /** Puts the unit's options on the process (the self-check's start). */
  void offer(VariableScope scope, String unitCode) {
    CitationOptions.OptionVariables unitOptions = batch.read(offered, unitCode, "", options::variables, null);
    scope.setVariable(Variables.EVIDENCE_OPTIONS, unitOptions.evidence());
    scope.setVariable(Variables.RECORD_OPTIONS, unitOptions.records());
  }

  /** After the upload or entry commits, the unit's open self-checks get the new lists. */
  @TransactionalEventListener(fallbackExecution = true)
  void refresh(UnitEvidenceChanged changed) {
    citations.refresh(changed.unitCode(), "self-checks", () -> runtime.createProcessInstanceQuery()
        .processDefinitionKey(UnitSelfCheckProcess.KEY)
        .processInstanceBusinessKeyLike(UnitSelfCheckProcess.businessKeyPrefix(changed.unitCode()) + "%")
        .active()
        .list(), Variables.EVIDENCE_OPTIONS, Variables.RECORD_OPTIONS);
  }
}
