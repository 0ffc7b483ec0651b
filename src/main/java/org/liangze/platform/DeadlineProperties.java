package org.liangze.platform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long people have for each kind of task, as ISO-8601 durations (e.g. {@code P14D}).
 *
 * @param letterSigning a unit secretary reading and signing the year's responsibility letter
 * @param letterRevision the issuing level (the district committee, or the unit above) answering an objection to a letter
 * @param letterCountersigning the issuing level countersigning a letter its unit has signed
 * @param dutyReportWriting a team member writing their yearly duty-and-integrity report (述责述廉)
 * @param dutyReportReview the unit secretary reviewing a team member's report
 * @param listDrafting a unit's staff drafting (or revising) its tailored list
 * @param listReview the discipline commission reviewing a submitted tailored list
 * @param selfCheckAssessment a unit's staff assessing every item of its lists in the quarterly self-check
 * @param selfCheckInspection the unit's discipline inspector (纪检委员) checking the assessed self-check
 * @param selfCheckSignOff the unit secretary signing off the self-check
 * @param selfCheckReview the discipline commission reviewing a signed-off self-check
 * @param rectificationPlan the unit secretary drawing up a rectification plan
 * @param rectificationVerification the discipline commission verifying a reported rectification
 * @param reportEditing a unit's staff completing the drafted half-year report
 * @param reportSigning the unit secretary signing the half-year report
 * @param reportReview the discipline commission reviewing a half-year report
 * @param caseVerification the discipline commission's preliminary verification of an accountability case
 * @param caseInvestigation each of the two investigations of an accountability case (一案双查)
 * @param measureApproval the district committee approving the proposed accountability measures
 * @param notificationDrafting the discipline commission drafting a public notification of a typical case
 * @param notificationApproval the district committee approving or rejecting the notification
 * @param talkScheduling the discipline commission scheduling a talk (time, place, participants)
 * @param talkRecording the discipline commission recording a talk's minutes and commitments, after its time
 * @param commitmentVerification the discipline commission verifying that a talk commitment was carried out
 * @param commonListDrafting the discipline commission drafting (or revising) a unit type's common list
 * @param commonListReview the district committee reviewing a submitted common list
 */
@ConfigurationProperties("liangze.deadlines")
public record DeadlineProperties(
    @DefaultValue("P14D") Duration letterSigning,
    @DefaultValue("P7D") Duration letterRevision,
    @DefaultValue("P7D") Duration letterCountersigning,
    @DefaultValue("P30D") Duration dutyReportWriting,
    @DefaultValue("P7D") Duration dutyReportReview,
    @DefaultValue("P14D") Duration listDrafting,
    @DefaultValue("P7D") Duration listReview,
    @DefaultValue("P10D") Duration selfCheckAssessment,
    @DefaultValue("P3D") Duration selfCheckInspection,
    @DefaultValue("P3D") Duration selfCheckSignOff,
    @DefaultValue("P5D") Duration selfCheckReview,
    @DefaultValue("P5D") Duration rectificationPlan,
    @DefaultValue("P5D") Duration rectificationVerification,
    @DefaultValue("P10D") Duration reportEditing,
    @DefaultValue("P3D") Duration reportSigning,
    @DefaultValue("P5D") Duration reportReview,
    @DefaultValue("P10D") Duration caseVerification,
    @DefaultValue("P30D") Duration caseInvestigation,
    @DefaultValue("P7D") Duration measureApproval,
    @DefaultValue("P5D") Duration notificationDrafting,
    @DefaultValue("P5D") Duration notificationApproval,
    @DefaultValue("P7D") Duration talkScheduling,
    @DefaultValue("P3D") Duration talkRecording,
    @DefaultValue("P5D") Duration commitmentVerification,
    @DefaultValue("P14D") Duration commonListDrafting,
    @DefaultValue("P7D") Duration commonListReview) {
}
