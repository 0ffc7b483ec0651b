package org.liangze.record;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts a unit's {@link CitationOptions} on the processes whose forms offer them (the self-check's assessment, the
 * rectification's carry-out): when a process opens, and again on its open instances whenever the unit uploads a file
 * or adds an entry ({@link UnitEvidenceChanged}), so what was uploaded on the record page is on the form the next
 * time it opens. The refresh runs as the platform (the unit's people may not change process variables, and the lists
 * must not depend on who uploaded), in a transaction of its own: a failure leaves the upload as it is, and the next
 * upload refreshes the lists.
 */
@Component
public class CitationRefresh {

  private static final Logger LOG = LoggerFactory.getLogger(CitationRefresh.class);

  private final CitationOptions options;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final TransactionTemplate newTransaction;

  CitationRefresh(CitationOptions options, RuntimeService runtime, IdentityService identity,
      PlatformTransactionManager transactions) {
    this.options = options;
    this.runtime = runtime;
    this.identity = identity;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Sets the unit's files and entries as the two variables the process's forms read them from. */
  public void offer(VariableScope scope, String unitCode, String evidenceVariable, String recordVariable) {
    scope.setVariable(evidenceVariable, options.evidenceVariable(unitCode));
    scope.setVariable(recordVariable, options.recordVariable(unitCode));
  }

  /**
   * Sets the unit's current files and entries on the open instances {@code open} finds (queried as the platform);
   * {@code what} names them in the log.
   */
  public void refresh(String unitCode, String what, Supplier<List<ProcessInstance>> open, String evidenceVariable,
      String recordVariable) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      newTransaction.executeWithoutResult(status -> {
        List<ProcessInstance> instances = open.get();
        if (instances.isEmpty()) {
          return;
        }
        TypedValue evidence = options.evidenceVariable(unitCode);
        TypedValue records = options.recordVariable(unitCode);
        for (ProcessInstance instance : instances) {
          runtime.setVariable(instance.getId(), evidenceVariable, evidence);
          runtime.setVariable(instance.getId(), recordVariable, records);
        }
      });
    } catch (RuntimeException e) {
      LOG.warn("Evidence options of unit {}'s open {} not refreshed", unitCode, what, e);
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }
}
