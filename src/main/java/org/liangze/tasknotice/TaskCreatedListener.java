package org.liangze.tasknotice;

import java.sql.Timestamp;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.liangze.platform.InsertsAtCommit;
import org.springframework.stereotype.Component;

/**
 * Records every new user task for its notice, in the engine's transaction (the engine uses Spring's transaction
 * manager, so the insert joins it; written with the transaction's other such rows just before it commits,
 * {@link InsertsAtCommit}): a task whose creation rolls back is never announced, and a task that exists is
 * announced once the timer process sends the notices. One insert per task; nothing else at creation.
 * Off with {@code liangze.notifications.task-created=false}.
 */
@Component
class TaskCreatedListener implements TaskListener {

  static final String INSERT = "insert into task_created_notices (task_id, created_at) values (?, ?)";

  private final InsertsAtCommit inserts;
  private final boolean enabled;

  TaskCreatedListener(InsertsAtCommit inserts,
      @Value("${liangze.notifications.task-created:true}") boolean enabled) {
    this.inserts = inserts;
    this.enabled = enabled;
  }

  @Override
  public void notify(DelegateTask task) {
    if (enabled && EVENTNAME_CREATE.equals(task.getEventName())) {
      inserts.insert(INSERT, task.getId(), task.getId(), new Timestamp(ClockUtil.getCurrentTime().getTime()));
    }
  }
}
