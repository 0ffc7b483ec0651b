package org.liangze.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.letter.LetterSigningProcess.Element;
import org.liangze.letter.LetterSigningProcess.Variables;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Official;
import org.liangze.organisation.Role;
import org.liangze.platform.ConflictException;
import org.liangze.platform.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every path of the letter-signing model, driven through its real entry point ({@link LetterCampaigns}) on the
 * real application with its delegates; the job executor is off and the test runs each job itself. Each test works
 * on a year of its own. Process test coverage is measured and must reach every flow node and sequence flow.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import({ProcessEngineCoverageConfiguration.class, LetterSigningProcessTest.FullCoverage.class})
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class LetterSigningProcessTest {

  @TestConfiguration
  static class FullCoverage {
    @Bean
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
      return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(1.0).build();
    }
  }

  static final String D01 = "D01";
  static final String T01V01 = "T01V01";

  @Autowired org.liangze.support.ActAs actAs;
  @Autowired ProcessEngine engine;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired LetterCampaigns campaigns;
  @Autowired LetterService letters;
  @Autowired IdentityService identity;
  @Autowired TaskService taskService;

  @BeforeEach
  void district() throws IOException {
    AbstractAssertions.reset();
    BpmnAwareTests.init(engine);
    district.seedIfEmpty(2030);
    identitySync.sync();
  }

  @AfterEach
  void logout() {
    identity.clearAuthentication();
  }

  @Test
  void secretarySignsAndTheLetterIsArchived() throws IOException {
    ProcessInstance campaign = startCampaign(2031);
    assertThat(campaign).isWaitingAt(Element.IssueLetters.name());
    execute(job(campaign));

    Task task = signingTaskOf(campaign, D01);
    assertThat(task).hasCandidateGroup(Groups.of(Role.SECRETARY, D01));
    // the configured signing period (P14D by default)
    assertThat(task.getDueDate()).isCloseTo(Date.from(Instant.now().plus(Duration.ofDays(14))), 60_000);
    completeAs("d01sec", task, Map.of(Variables.DECISION, "SIGN", Variables.SIGNATURE, "张伟"));

    Letter signed = letterOf(2031, D01);
    assertThat(signed.status()).isEqualTo(LetterStatus.SIGNED);
    assertThat(signed.signerId()).isEqualTo("d01sec");
    assertThat(signed.signature()).isEqualTo("张伟");
    assertThat(signed.countersigned()).isFalse();

    // a department directly under the district: the district committee issued it and countersigns it
    Task countersign = countersigningTaskOf(campaign, D01);
    assertThat(countersign).hasCandidateGroup(Groups.DISTRICT_COMMITTEE);
    assertThat(countersign.getDueDate()).isCloseTo(Date.from(Instant.now().plus(Duration.ofDays(7))), 60_000);
    assertThatThrownBy(() -> completeAs("quwei", countersign, Map.of(Variables.COUNTERSIGNATURE, " ")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("会签签名");
    assertThat(letterOf(2031, D01).countersigned()).isFalse();
    completeAs("quwei", countersign, Map.of(Variables.COUNTERSIGNATURE, "许国栋"));

    execute(job(campaign)); // the archive step, after its own transaction boundary
    Letter archived = letterOf(2031, D01);
    assertThat(archived.status()).isEqualTo(LetterStatus.ARCHIVED);
    assertThat(archived.countersignerId()).isEqualTo("quwei");
    assertThat(archived.archivedDocument()).contains("张伟").contains("许国栋").contains("中共").contains("委员会")
        .contains(archived.title());
    assertThat(campaign).hasPassed(Element.CountersignLetter.name(), Element.ArchiveLetter.name(),
        Element.LetterArchived.name());
  }

  @Test
  void objectionGoesToTheIssuingLevelWhichRevisesAndResends() throws IOException {
    ProcessInstance campaign = startCampaign(2032);
    execute(job(campaign));

    completeAs("t01v01sec", signingTaskOf(campaign, T01V01),
        Map.of(Variables.DECISION, "OBJECT", Variables.OBJECTION_REASON, "个性清单第2项不符合本社区实际"));
    assertThat(letterOf(2032, T01V01).status()).isEqualTo(LetterStatus.OBJECTED);

    Task revise = taskService.createTaskQuery().processInstanceId(campaign.getId())
        .taskDefinitionKey(Element.ReviseLetter.name()).singleResult();
    // the community's letter was issued by its subdistrict, which answers the objection
    assertThat(revise).hasCandidateGroup(Groups.of(Role.SECRETARY, "T01"));
    assertThat(revise.getDueDate()).isNotNull();
    assertThat(taskService.getVariable(revise.getId(), Variables.OBJECTION_REASON))
        .isEqualTo("个性清单第2项不符合本社区实际");
    completeAs("t01sec", revise, Map.of(Variables.REVISION_NOTE, "已按社区实际调整第2项措施"));

    execute(job(campaign)); // reissue
    Letter reissued = letterOf(2032, T01V01);
    assertThat(reissued.status()).isEqualTo(LetterStatus.ISSUED);
    assertThat(reissued.revision()).isEqualTo(2);
    assertThat(reissued.content()).contains("已按社区实际调整第2项措施");

    Task again = signingTaskOf(campaign, T01V01);
    assertThat(taskService.getVariable(again.getId(), Variables.DECISION)).isNull();
    completeAs("t01v01sec", again, Map.of(Variables.DECISION, "SIGN", Variables.SIGNATURE, "刘洋"));
    completeAs("t01sec", countersigningTaskOf(campaign, T01V01), Map.of(Variables.COUNTERSIGNATURE, "徐建国"));
    execute(job(campaign));
    assertThat(letterOf(2032, T01V01).status()).isEqualTo(LetterStatus.ARCHIVED);
    assertThat(campaign).hasPassed(Element.ReviseLetter.name(), Element.ReissueLetter.name());
  }

  @Test
  void unitsSignInParallelAndTheCampaignEndsWhenAllAreArchived() throws IOException {
    ProcessInstance campaign = startCampaign(2033);
    execute(job(campaign));
    List<Task> signing = taskService.createTaskQuery().processInstanceId(campaign.getId())
        .taskDefinitionKey(Element.SignLetter.name()).list();
    assertThat(signing).hasSize(letters.letterIdsOf(2033).size()).hasSizeGreaterThan(2);

    // one unit signs while another objects: neither waits for the other
    completeAs("d01sec", signingTaskOf(campaign, D01), Map.of(Variables.DECISION, "SIGN", Variables.SIGNATURE, "张伟"));
    completeAs("t01v01sec", signingTaskOf(campaign, T01V01),
        Map.of(Variables.DECISION, "OBJECT", Variables.OBJECTION_REASON, "异议"));
    assertThat(letterOf(2033, D01).status()).isEqualTo(LetterStatus.SIGNED);
    assertThat(letterOf(2033, T01V01).status()).isEqualTo(LetterStatus.OBJECTED);
    assertThat(signingTaskOf(campaign, "D02")).isNotNull();

    for (Task task : taskService.createTaskQuery().processInstanceId(campaign.getId())
        .taskDefinitionKey(Element.SignLetter.name()).list()) {
      completeAs(candidateOf(task), task, Map.of(Variables.DECISION, "SIGN", Variables.SIGNATURE, "签名人"));
    }
    completeAs("t01sec", taskService.createTaskQuery().processInstanceId(campaign.getId())
        .taskDefinitionKey(Element.ReviseLetter.name()).singleResult(), Map.of(Variables.REVISION_NOTE, "已修订"));
    countersignAll(campaign);
    runAllJobs(campaign); // the archive jobs of the signed letters and the reissue of the objected one
    completeAs("t01v01sec", signingTaskOf(campaign, T01V01),
        Map.of(Variables.DECISION, "SIGN", Variables.SIGNATURE, "刘洋"));
    countersignAll(campaign);
    runAllJobs(campaign);

    assertThat(campaign).isEnded().hasPassed(Element.AllLettersArchived.name());
    assertThat(letters.visibleLetters(Official.of("jiwei", List.of(Groups.DISCIPLINE_COMMISSION)), 2033))
        .allMatch(letter -> letter.status() == LetterStatus.ARCHIVED);
  }

  @Test
  void startingTheSameYearTwiceIsRefusedAndCreatesNothing() throws IOException {
    ProcessInstance campaign = startCampaign(2034);
    execute(job(campaign));
    int lettersBefore = letters.letterIdsOf(2034).size();

    assertThatThrownBy(() -> campaigns.start("2034")).isInstanceOf(ConflictException.class);
    // also straight through the engine, bypassing the service's pre-check
    assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey(LetterSigningProcess.KEY,
        withVariables(Variables.YEAR, 2034))).isInstanceOf(InvalidInputException.class);

    assertThat(engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(LetterSigningProcess.KEY).processInstanceBusinessKey(LetterSigningProcess.businessKey(2034))
        .count()).isEqualTo(1);
    assertThat(letters.letterIdsOf(2034)).hasSize(lettersBefore);
    assertThat(campaign).isActive();
  }

  @Test
  void badInputIsRefusedAndChangesNothing() throws IOException {
    assertThatThrownBy(() -> campaigns.start("26")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> campaigns.start("1999")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> campaigns.start("2099")) // no common list published for that year
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("共性清单");

    ProcessInstance campaign = startCampaign(2035);
    execute(job(campaign));
    Task task = signingTaskOf(campaign, D01);
    assertThatThrownBy(() -> completeAs("d01sec", task, Map.of(Variables.DECISION, "SIGN", Variables.SIGNATURE, " ")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("签名");
    assertThatThrownBy(() -> completeAs("d01sec", task, Map.of(Variables.DECISION, "OBJECT")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("异议理由");
    assertThatThrownBy(() -> completeAs("d01sec", task, Map.of(Variables.DECISION, "MAYBE")))
        .isInstanceOf(InvalidInputException.class);

    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
    assertThat(letterOf(2035, D01).status()).isEqualTo(LetterStatus.ISSUED);
  }

  private ProcessInstance startCampaign(int year) throws IOException {
    district.publishLists(year);
    identity.setAuthentication("quwei", List.of(Groups.DISTRICT_COMMITTEE));
    try {
      String id = campaigns.start(String.valueOf(year)).processInstanceId();
      return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
    } finally {
      identity.clearAuthentication();
    }
  }

  @Test
  void lettersAreSignedLevelByLevel() throws IOException {
    ProcessInstance campaign = startCampaign(2036);
    execute(job(campaign));
    Official committee = Official.of("quwei", List.of(Groups.DISTRICT_COMMITTEE));
    // who issued each letter: the unit directly above, or the district committee (null)
    assertThat(letterOf(2036, T01V01).issuerUnitCode()).isEqualTo("T01");
    assertThat(letterOf(2036, "T01S01").issuerUnitCode()).isEqualTo("T01");
    assertThat(letterOf(2036, "D01S01").issuerUnitCode()).isEqualTo(D01);
    assertThat(letterOf(2036, "T01").issuerUnitCode()).isNull();
    assertThat(letterOf(2036, D01).issuerUnitCode()).isNull();
    assertThat(letters.visibleLetters(committee, 2036)).hasSize(letters.letterIdsOf(2036).size());

    // the section signs; its department's secretary, not the district committee, countersigns
    completeAs("d01s01sec", signingTaskOf(campaign, "D01S01"),
        Map.of(Variables.DECISION, "SIGN", Variables.SIGNATURE, "陈静"));
    Task countersign = countersigningTaskOf(campaign, "D01S01");
    assertThat(countersign).hasCandidateGroup(Groups.of(Role.SECRETARY, D01));
    assertThat(taskService.getVariable(countersign.getId(), Variables.ISSUER_NAME)).isEqualTo("区教育和体育局党组织");
    // the department sees the letters it issued (its two sections', to countersign them) besides its own; a sibling
    // sees neither
    Official department = Official.of("d01sec", List.of(Groups.of(Role.SECRETARY, D01)));
    assertThat(letters.visibleLetters(department, 2036)).extracting(Letter::unitCode)
        .containsExactlyInAnyOrder(D01, "D01S01", "D01S02");
    Official sibling = Official.of("d02sec", List.of(Groups.of(Role.SECRETARY, "D02")));
    assertThat(letters.visibleLetters(sibling, 2036)).extracting(Letter::unitCode).containsExactly("D02");
    assertThatThrownBy(() -> completeAs("d02sec", countersign, Map.of(Variables.COUNTERSIGNATURE, "黄志强")))
        .isInstanceOf(AuthorizationException.class);
    completeAs("d01sec", countersign, Map.of(Variables.COUNTERSIGNATURE, "张伟"));
    execute(job(campaign));

    Letter archived = letterOf(2036, "D01S01");
    assertThat(archived.status()).isEqualTo(LetterStatus.ARCHIVED);
    assertThat(archived.archivedDocument()).contains("甲方：<span>区教育和体育局党组织</span>")
        .contains("陈静").contains("张伟");
  }

  private Task countersigningTaskOf(ProcessInstance campaign, String unitCode) {
    List<Task> tasks = taskService.createTaskQuery().processInstanceId(campaign.getId())
        .taskDefinitionKey(Element.CountersignLetter.name()).list().stream()
        .filter(task -> unitCode.equals(taskService.getVariable(task.getId(), Variables.UNIT_CODE)))
        .toList();
    assertThat(tasks).as("countersigning tasks of " + unitCode).hasSize(1);
    return tasks.get(0);
  }

  private void countersignAll(ProcessInstance campaign) {
    for (Task task : taskService.createTaskQuery().processInstanceId(campaign.getId())
        .taskDefinitionKey(Element.CountersignLetter.name()).list()) {
      completeAs(candidateOf(task), task, Map.of(Variables.COUNTERSIGNATURE, "会签人"));
    }
  }

  private Task signingTaskOf(ProcessInstance campaign, String unitCode) {
    return taskService.createTaskQuery().processInstanceId(campaign.getId())
        .taskDefinitionKey(Element.SignLetter.name())
        .taskCandidateGroup(Groups.of(Role.SECRETARY, unitCode))
        .singleResult();
  }

  private void completeAs(String userId, Task task, Map<String, Object> variables) {
    actAs.complete(userId, task, variables);
  }

  /** The one person in the task's candidate group. */
  private String candidateOf(Task task) {
    String group = taskService.getIdentityLinksForTask(task.getId()).get(0).getGroupId();
    return identity.createUserQuery().memberOfGroup(group).singleResult().getId();
  }

  private Letter letterOf(int year, String unitCode) {
    return letters.visibleLetters(Official.of("jiwei", List.of(Groups.DISCIPLINE_COMMISSION)), year).stream()
        .filter(letter -> letter.unitCode().equals(unitCode))
        .findFirst()
        .map(letter -> letters.visibleLetter(Official.of("jiwei", List.of(Groups.DISCIPLINE_COMMISSION)),
            letter.id()))
        .orElseThrow();
  }

  private void runAllJobs(ProcessInstance campaign) {
    var management = engine.getManagementService();
    var jobs = management.createJobQuery().processInstanceId(campaign.getId()).list();
    while (!jobs.isEmpty()) {
      jobs.forEach(j -> management.executeJob(j.getId()));
      jobs = management.createJobQuery().processInstanceId(campaign.getId()).list();
    }
  }
}
