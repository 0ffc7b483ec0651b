package org.liangze.escalation;

/**
 * {@code processes/reminder-digest.bpmn}: once a day at the digest hour ({@link ReminderDigestSchedule}), each
 * person gets one message listing the tasks the patrols reminded them of since the day before
 * ({@link Escalations#sendReminderDigests}), a page of people per job.
 */
public final class ReminderDigestProcess {

  public static final String KEY = "reminderDigest";

  private ReminderDigestProcess() {
  }

  public enum Element {
    ReminderDigestDue,
    ReminderDigestsDue,
    SendReminderDigests,
    MoreReminderDigests,
    ReminderDigestsSent
  }

  public static final class Variables {

    /** Set by each page of digests: whether people are left. */
    public static final String DIGESTS_PENDING = "digestsPending";

    private Variables() {
    }
  }
}
