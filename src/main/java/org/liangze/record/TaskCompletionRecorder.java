package org.liangze.record;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Writes a record entry for every completed user task that concerns a unit (its scope has a {@code unitCode}
 * variable): who completed which task of which process, with what outcome (in the words of the task's form).
 * Registered on every user task of every model by {@link RecordManualEnginePlugin}, so no model has to remember it.
 */
class TaskCompletionRecorder implements TaskListener {

  static final String UNIT_CODE = "unitCode";
  static final String DECISION = "decision";
  /** Set by the escalation ladder on an overdue task's execution, with the reason the completer gave. */
  static final String TASK_OVERDUE = "taskOverdue";
  static final String LATE_REASON = "lateReason";

  private static final Logger log = LoggerFactory.getLogger(TaskCompletionRecorder.class);
  /**
   * Outcomes of tasks whose form does not name them ({@link FormChoiceLabels}: completed through the API, say), in
   * the words the platform's forms mostly use.
   */
  private static final Map<String, String> OUTCOMES = Map.ofEntries(Map.entry("OPEN", "立案调查"),
      Map.entry("OPEN_CASE", "立案问责"), Map.entry("CLOSE", "予以了结"), Map.entry("PASS", "通过"),
      Map.entry("ADOPT", "采纳"), Map.entry("REJECT", "不予采纳"), Map.entry("OVERRIDE", "改为其他措施"),
      Map.entry("SIGN", "签订"), Map.entry("OBJECT", "提出异议"), Map.entry("APPROVE", "审核通过"),
      Map.entry("RETURN", "退回修改"), Map.entry("ACCEPT", "验收通过"), Map.entry("RECTIFY", "责令整改"),
      Map.entry("SIGN_OFF", "审签通过"), Map.entry("VERIFIED", "整改验收通过"), Map.entry("NOT_YET", "整改未到位"));

  private final ObjectProvider<RecordManual> manual;

  TaskCompletionRecorder(ObjectProvider<RecordManual> manual) {
    this.manual = manual;
  }

  @Override
  public void notify(DelegateTask task) {
    if (!(task.getVariable(UNIT_CODE) instanceof String unitCode)) {
      log.debug("Task {} ({}) concerns no unit; nothing recorded", task.getId(), task.getTaskDefinitionKey());
      return;
    }
    String lateReason = lateReason(task);
    manual.getObject().append(new NewEntry(unitCode, EntryKind.TASK_COMPLETED, null, actor(task),
        ClockUtil.getCurrentTime().toInstant(), summary(task) + (lateReason == null ? "" : "（逾期完成）"), lateReason,
        task.getProcessInstanceId(), task.getId(), null));
  }

  private static String lateReason(DelegateTask task) {
    if (task.getExecution() == null
        || !Boolean.TRUE.equals(task.getExecution().getVariableLocal(TASK_OVERDUE))) {
      return null;
    }
    return task.getExecution().getVariableLocal(LATE_REASON) instanceof String reason && !reason.isBlank()
        ? reason.strip() : null;
  }

  private static String summary(DelegateTask task) {
    StringBuilder text = new StringBuilder("完成「").append(task.getName()).append("」");
    if (task.getVariable(DECISION) instanceof String decision) {
      text.append("，结果：").append(FormChoiceLabels.of(task, DECISION, decision)
          .orElseGet(() -> OUTCOMES.getOrDefault(decision, decision)));
    }
    return text.toString();
  }

  private static String actor(DelegateTask task) {
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (user != null) {
      return user.getUserId();
    }
    return task.getAssignee() != null ? task.getAssignee() : "system";
  }
}
