package org.liangze.tasknotice;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How often new-task notices are sent ({@code liangze.notifications.task-created-cycle}, default every two
 * minutes), reached from the model's timer as {@code ${taskNoticeSchedule.cycle()}}.
 */
@Component("taskNoticeSchedule")
public class TaskNoticeSchedule {

  private final String cycle;

  TaskNoticeSchedule(@Value("${liangze.notifications.task-created-cycle:R/PT2M}") String cycle) {
    this.cycle = cycle;
  }

  public String cycle() {
    return cycle;
  }
}
