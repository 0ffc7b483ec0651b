package org.liangze.tasknotice;

import java.sql.Timestamp;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records every new user task for its notice, in the engine's transaction (the engine uses Spring's transaction
 * manager, so the insert joins it): a task whose creation rolls back is never announced, and a task that exists is
 * announced once the timer process sends the notices. One insert per task; nothing else at creation.
 * Off with {@code liangze.notifications.task-created=false}.
 */
@Component
class TaskCreatedListener implements TaskListener {

  private final JdbcClient jdbc;
  private final boolean enabled;

  TaskCreatedListener(JdbcClient jdbc, @Value("${liangze.notifications.task-created:true}") boolean enabled) {
    this.jdbc = jdbc;
    this.enabled = enabled;
  }

  @Override
  public void notify(DelegateTask task) {
    if (enabled && EVENTNAME_CREATE.equals(task.getEventName())) {
      jdbc.sql("insert into task_created_notices (task_id, created_at) values (?, ?)")
          .params(task.getId(), new Timestamp(ClockUtil.getCurrentTime().getTime())).update();
    }
  }
}
