package org.liangze.tasknotice;

/**
 * {@code processes/task-notices.bpmn}: a timer ({@link TaskNoticeSchedule}) that sends the notices of the tasks
 * created since, a page of tasks per job ({@link TaskNotices#sendNext}).
 */
public final class TaskNoticesProcess {

  public static final String KEY = "taskNotices";

  private TaskNoticesProcess() {
  }

  public enum Element {
    TaskNoticesDue,
    TaskNoticePageDue,
    SendTaskNotices,
    MoreTaskNotices,
    TaskNoticesSent
  }

  public static final class Variables {

    /** Set by each page: whether new tasks are left to announce. */
    public static final String NOTICES_PENDING = "noticesPending";

    private Variables() {
    }
  }
}
