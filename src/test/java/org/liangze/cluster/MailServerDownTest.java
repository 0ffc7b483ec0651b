package org.liangze.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.liangze.notification.NotificationDeliveryProcess;
import org.liangze.support.CampaignDistrict;
import org.liangze.support.WebClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A failing delegate leaves the human work before it committed. The discipline commission arranges a talk through
 * the engine REST API while the mail server is down: the completion, its record-manual entry and the talk's new
 * status are committed, and the process moves on. The notifications it causes are sent by jobs of their own; those
 * fail against the dead server, are retried, and end as incidents when their retries run out. Once the server is
 * back, an administrator retries them in Cockpit (its session, the engine API it calls) and the mails arrive —
 * once each.
 *
 * <p>The job executor is off: the test runs the jobs, so every try is one the test can count.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"liangze.notifications.channel=mail", "spring.mail.host=127.0.0.1"})
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MailServerDownTest {

  static final String PASSWORD = "mail-down-test-pw";
  static final String ADMIN_PASSWORD = "test-admin-password";
  static final int SMTP_PORT = freePort();

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(
      new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> SMTP_PORT);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @Autowired CampaignDistrict district;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;
  @Autowired TestRestTemplate http;

  @Test
  void theArrangedTalkStaysCommittedWhileItsMailsFailIntoIncidentsThatARetryDelivers() {
    district.seed(9, 2026);
    ResponseEntity<String> started = http.withBasicAuth("jiwei", PASSWORD).exchange("/api/talks", HttpMethod.POST,
        json("{\"unitCode\":\"D01\",\"kind\":\"INTEGRITY_TALK\",\"subjectUserId\":\"d01staff\","
            + "\"cause\":\"新任职廉政谈话\"}"), String.class);
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.CREATED);
    String instance = runtime.createProcessInstanceQuery().processDefinitionKey("talk").singleResult().getId();
    Task arrange = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("ArrangeTalk")
        .singleResult();

    smtp.stop();
    try {
      // the human work: arranging the talk, through the engine's REST API
      String when = LocalDate.now().plusDays(2).atTime(9, 30).toString();
      ResponseEntity<String> completed = http.withBasicAuth("jiwei", PASSWORD).exchange(
          "/engine-rest/task/" + arrange.getId() + "/submit-form", HttpMethod.POST,
          json("{\"variables\":{\"talkTime\":{\"value\":\"" + when + "\"},\"place\":{\"value\":\"区纪委第一谈话室\"},"
              + "\"participants\":{\"value\":\"区纪委监委：李明；单位：张伟\"}}}"), String.class);
      assertThat(completed.getStatusCode()).as(completed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
      runMessageJobs(instance); // the notify step: records the notifications, one delivery job each

      List<Job> deliveries = management.createJobQuery().processDefinitionKey(NotificationDeliveryProcess.KEY)
          .list();
      assertThat(deliveries).hasSize(2); // the unit's secretary and the person talked to
      for (Job delivery : deliveries) {
        for (int attempt = 0; attempt < 3; attempt++) {
          assertThatThrownBy(() -> management.executeJob(delivery.getId())).isInstanceOf(Exception.class);
        }
      }
      List<Incident> incidents = runtime.createIncidentQuery().list();
      assertThat(incidents).hasSize(2).allSatisfy(incident -> {
        assertThat(incident.getIncidentType()).isEqualTo("failedJob");
        assertThat(management.createJobQuery().jobId(incident.getConfiguration()).singleResult().getRetries())
            .isZero();
      });
      // each try counted, the last one's reason kept for the notification centre
      assertThat(notificationStatuses()).containsOnly("FAILED");
      assertThat(jdbc.sql("select attempts from notifications where kind = 'TALK_SCHEDULED'").query(Integer.class)
          .list()).containsOnly(3);
      assertThat(jdbc.sql("select failure_reason from notifications where kind = 'TALK_SCHEDULED'")
          .query(String.class).list()).containsOnly("无法连接发送服务器（服务器未启动或拒绝连接）");

      // the human work before the failure stands: the task, its record entry, the talk, the next task
      assertThat(tasks.createTaskQuery().taskId(arrange.getId()).count()).isZero();
      assertThat(jdbc.sql("select count(*) from record_entries where task_id = ? and kind = 'TASK_COMPLETED'")
          .param(arrange.getId()).query(Long.class).single()).isEqualTo(1);
      assertThat(jdbc.sql("select status from talks").query(String.class).single()).isEqualTo("SCHEDULED");
      assertThat(tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("HoldTalk").count())
          .isEqualTo(1);
    } finally {
      smtp.start();
    }

    // the mail server is back: an administrator retries the incidents in Cockpit (its session, its CSRF token, the
    // engine API Cockpit calls)
    WebClient.Session cockpit = WebClient.webappLogin(URI.create(http.getRootUri()), "cockpit", "admin",
        ADMIN_PASSWORD);
    for (Incident incident : runtime.createIncidentQuery().list()) {
      HttpResponse<String> retried = WebClient.withSession("PUT", URI.create(http.getRootUri()
          + "/camunda/api/engine/engine/default/job/" + incident.getConfiguration() + "/retries"), cockpit,
          "{\"retries\":1}");
      assertThat(retried.statusCode()).as(retried.body()).isEqualTo(204);
      management.executeJob(incident.getConfiguration());
    }
    assertThat(runtime.createIncidentQuery().count()).isZero();
    assertThat(notificationStatuses()).containsOnly("SENT");
    assertThat(Arrays.stream(smtp.getReceivedMessages()).map(MailServerDownTest::recipient).toList())
        .containsExactlyInAnyOrder("d01sec@demo.liangze.local", "d01staff@demo.liangze.local");
    assertThat(jdbc.sql("select count(*) from record_entries where task_id = ?").param(arrange.getId())
        .query(Long.class).single()).isEqualTo(1);
  }

  private List<String> notificationStatuses() {
    return jdbc.sql("select status from notifications where kind = 'TALK_SCHEDULED'").query(String.class).list();
  }

  private void runMessageJobs(String processInstanceId) {
    List<Job> jobs = management.createJobQuery().messages().processInstanceId(processInstanceId).list();
    while (!jobs.isEmpty()) {
      jobs.forEach(job -> management.executeJob(job.getId()));
      jobs = management.createJobQuery().messages().processInstanceId(processInstanceId).list();
    }
  }

  private static String recipient(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
