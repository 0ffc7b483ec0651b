package org.liangze.record;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Writes a record entry for every completed user task that concerns a unit (its scope has a {@code unitCode}
 * variable): who completed which task of which process, with the outcome its form offered (in the form's words).
 * Registered on every user task of every model by {@link RecordManualEnginePlugin}, so no model has to remember it.
 */
class TaskCompletionRecorder implements TaskListener {

  static final String UNIT_CODE = "unitCode";
  /** Set by the escalation ladder on an overdue task's execution, with the reason the completer gave. */
  static final String TASK_OVERDUE = "taskOverdue";
  static final String LATE_REASON = "lateReason";

  private static final Logger log = LoggerFactory.getLogger(TaskCompletionRecorder.class);
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
    List<String> decisions = FormChoiceLabels.decisionsOf(task);
    if (!decisions.isEmpty()) {
      text.append("，结果：").append(String.join("；", decisions));
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
