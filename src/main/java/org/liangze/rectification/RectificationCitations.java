package org.liangze.rectification;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.liangze.rectification.RectificationProcess.Variables;
import org.liangze.record.CitationOptions;
import org.liangze.record.UnitEvidenceChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the carry-out form offers as evidence ({@link CitationOptions}: the unit's uploaded files and record-manual
 * entries). Set when the rectification opens and refreshed whenever the unit uploads a file or adds an entry, so a
 * file uploaded on the record page is on the form the next time it opens. Nobody types a file number.
 */
@Component
class RectificationCitations {

  private static final Logger LOG = LoggerFactory.getLogger(RectificationCitations.class);

  private final CitationOptions options;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final TransactionTemplate newTransaction;

  RectificationCitations(CitationOptions options, RuntimeService runtime, IdentityService identity,
      PlatformTransactionManager transactions) {
    this.options = options;
    this.runtime = runtime;
    this.identity = identity;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Puts the unit's options on the rectification (its start). */
  void offer(VariableScope scope, String unitCode) {
    scope.setVariable(Variables.EVIDENCE_OPTIONS, options.evidenceVariable(unitCode));
    scope.setVariable(Variables.RECORD_OPTIONS, options.recordVariable(unitCode));
  }

  /**
   * After the upload or entry commits, the unit's open rectifications get the new lists, set as the platform (the
   * unit's people may not change process variables). A failure leaves the upload as it is.
   */
  @TransactionalEventListener(fallbackExecution = true)
  void refresh(UnitEvidenceChanged changed) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      newTransaction.executeWithoutResult(status -> {
        List<ProcessInstance> open = runtime.createProcessInstanceQuery()
            .processDefinitionKey(RectificationProcess.KEY)
            .variableValueEquals(Variables.UNIT_CODE, changed.unitCode())
            .active()
            .list();
        if (open.isEmpty()) {
          return;
        }
        TypedValue evidence = options.evidenceVariable(changed.unitCode());
        TypedValue records = options.recordVariable(changed.unitCode());
        for (ProcessInstance instance : open) {
          runtime.setVariable(instance.getId(), Variables.EVIDENCE_OPTIONS, evidence);
          runtime.setVariable(instance.getId(), Variables.RECORD_OPTIONS, records);
        }
      });
    } catch (RuntimeException e) {
      LOG.warn("Evidence options of unit {}'s open rectifications not refreshed", changed.unitCode(), e);
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }
}
