package org.liangze.selfcheck;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.liangze.record.EvidenceFile;
import org.liangze.record.EvidenceFiles;
import org.liangze.record.RecordEntry;
import org.liangze.record.RecordManual;
import org.liangze.record.UnitEvidenceChanged;
import org.liangze.selfcheck.UnitSelfCheckProcess.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the assessment form offers for picking as evidence: the files the unit uploaded and the entries its people
 * wrote into its record manual, as Camunda Forms options ({@code [{label, value}]}, the form's {@code valuesKey}
 * lists). Set when the self-check opens and refreshed whenever the unit uploads a file or adds an entry, so a file
 * uploaded on the record page is on the form the next time it opens. Nobody types a file number.
 */
@Component
class SelfCheckCitations {

  private static final Logger LOG = LoggerFactory.getLogger(SelfCheckCitations.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  /** The newest entries offered; older ones stay citable through the API by their number. */
  static final int MAX_ENTRIES = 100;
  static final int SUMMARY_CHARS = 30;

  /** One option of a Camunda Forms select, checklist or tag list. */
  record Option(String label, String value) {
  }

  private final EvidenceFiles files;
  private final RecordManual manual;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final ObjectMapper json;
  private final Clock clock;
  private final TransactionTemplate newTransaction;

  SelfCheckCitations(EvidenceFiles files, RecordManual manual, RuntimeService runtime, IdentityService identity,
      ObjectMapper json, Clock clock, PlatformTransactionManager transactions) {
    this.files = files;
    this.manual = manual;
    this.runtime = runtime;
    this.identity = identity;
    this.json = json;
    this.clock = clock;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Puts the unit's options on the process (the self-check's start). */
  void offer(VariableScope scope, String unitCode) {
    scope.setVariable(Variables.EVIDENCE_OPTIONS, variable(evidenceOptions(unitCode)));
    scope.setVariable(Variables.RECORD_OPTIONS, variable(recordOptions(unitCode)));
  }

  List<Option> evidenceOptions(String unitCode) {
    return files.uploadedBy(unitCode).stream().map(this::option).toList();
  }

  List<Option> recordOptions(String unitCode) {
    return manual.recentManualEntries(unitCode, MAX_ENTRIES).stream().map(this::option).toList();
  }

  /**
   * After the upload or entry commits, the unit's open self-checks get the new lists. Done as the platform: the
   * unit's people may not change process variables, and the lists must not depend on who uploaded. A failure here
   * leaves the upload as it is (the lists are refreshed by the next one).
   */
  @TransactionalEventListener(fallbackExecution = true)
  void refresh(UnitEvidenceChanged changed) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      newTransaction.executeWithoutResult(status -> {
        List<ProcessInstance> open = runtime.createProcessInstanceQuery()
            .processDefinitionKey(UnitSelfCheckProcess.KEY)
            .processInstanceBusinessKeyLike(UnitSelfCheckProcess.businessKeyPrefix(changed.unitCode()) + "%")
            .active()
            .list();
        if (open.isEmpty()) {
          return;
        }
        TypedValue evidence = variable(evidenceOptions(changed.unitCode()));
        TypedValue records = variable(recordOptions(changed.unitCode()));
        for (ProcessInstance instance : open) {
          runtime.setVariable(instance.getId(), Variables.EVIDENCE_OPTIONS, evidence);
          runtime.setVariable(instance.getId(), Variables.RECORD_OPTIONS, records);
        }
      });
    } catch (RuntimeException e) {
      LOG.warn("Evidence options of unit {}'s open self-checks not refreshed", changed.unitCode(), e);
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  private Option option(EvidenceFile file) {
    return new Option(file.originalName() + "（" + DAY.format(file.uploadedAt().atZone(clock.getZone())) + "上传，"
        + EvidenceFiles.sizeLabel(file.sizeBytes()) + "）", file.contentHash());
  }

  private Option option(RecordEntry entry) {
    String summary = entry.summary() == null ? "" : entry.summary();
    if (summary.length() > SUMMARY_CHARS) {
      summary = summary.substring(0, SUMMARY_CHARS) + "…";
    }
    return new Option("第" + entry.seq() + "条·" + entry.kind().label() + "·"
        + DAY.format(entry.occurredAt().atZone(clock.getZone())) + "：" + summary, String.valueOf(entry.seq()));
  }

  private TypedValue variable(List<Option> options) {
    try {
      return SpinValues.jsonValue(json.writeValueAsString(options)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Options could not be written as JSON", e);
    }
  }
}
