package org.liangze.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * Due dates for user tasks, reached from BPMN as {@code camunda:dueDate="${deadlines.letterSigning()}"} so that
 * every duration is configured in one place rather than written into the models.
 */
@Component("deadlines")
public class Deadlines {

  private final DeadlineProperties properties;
  private final Clock clock;

  Deadlines(DeadlineProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  public Date letterSigning() {
    return after(properties.letterSigning());
  }

  public Date letterRevision() {
    return after(properties.letterRevision());
  }

  public Date letterCountersigning() {
    return after(properties.letterCountersigning());
  }

  public Date dutyReportWriting() {
    return after(properties.dutyReportWriting());
  }

  public Date dutyReportReview() {
    return after(properties.dutyReportReview());
  }

  public Date listDrafting() {
    return after(properties.listDrafting());
  }

  public Date listReview() {
    return after(properties.listReview());
  }

  public Date selfCheckAssessment() {
    return after(properties.selfCheckAssessment());
  }

  public Date selfCheckInspection() {
    return after(properties.selfCheckInspection());
  }

  public Date selfCheckSignOff() {
    return after(properties.selfCheckSignOff());
  }

  public Date selfCheckReview() {
    return after(properties.selfCheckReview());
  }

  public Date rectificationPlan() {
    return after(properties.rectificationPlan());
  }

  public Date rectificationVerification() {
    return after(properties.rectificationVerification());
  }

  public Date reportEditing() {
    return after(properties.reportEditing());
  }

  public Date reportSigning() {
    return after(properties.reportSigning());
  }

  public Date reportReview() {
    return after(properties.reportReview());
  }

  public Date caseVerification() {
    return after(properties.caseVerification());
  }

  public Date caseInvestigation() {
    return after(properties.caseInvestigation());
  }

  public Date measureApproval() {
    return after(properties.measureApproval());
  }

  public Date notificationDrafting() {
    return after(properties.notificationDrafting());
  }

  public Date notificationApproval() {
    return after(properties.notificationApproval());
  }

  public Date talkScheduling() {
    return after(properties.talkScheduling());
  }

  /** Minutes are due a while after the talk's time (or from now, should that time have passed). */
  public Date talkRecording(Date talkAt) {
    Date fromNow = after(properties.talkRecording());
    if (talkAt == null) {
      return fromNow;
    }
    Date fromTalk = Date.from(talkAt.toInstant().plus(properties.talkRecording()));
    return fromTalk.after(fromNow) ? fromTalk : fromNow;
  }

  public Date commitmentVerification() {
    return after(properties.commitmentVerification());
  }

  public Date commonListDrafting() {
    return after(properties.commonListDrafting());
  }

  public Date commonListReview() {
    return after(properties.commonListReview());
  }

  private Date after(Duration duration) {
    return Date.from(clock.instant().plus(duration));
  }
}
