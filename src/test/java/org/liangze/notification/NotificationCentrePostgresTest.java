package org.liangze.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.support.EmbeddedPostgresDatabase;
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
 * The notification centre over HTTP on PostgreSQL, its rows made by the platform itself: the discipline commission
 * arranges two talks through the engine's REST API, each telling the unit's secretary and the person talked to by
 * mail. The first talk's mails go out; the second's run into a mail server that is down, three tries each, and end
 * as incidents. The commission reads all four with every filter; an official reads only their own; nobody logged
 * in is refused.
 *
 * <p>The job executor is off: the test runs the jobs. Camunda's clock is set to two days of 2031, so the date
 * filters have something to tell apart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"liangze.notifications.channel=mail", "spring.mail.host=127.0.0.1"})
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class NotificationCentrePostgresTest {

  static final String PASSWORD = "notification-centre-pw";
  static final int SMTP_PORT = freePort();
  static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");
  static final LocalDateTime FIRST_DAY = LocalDateTime.parse("2031-03-02T10:00");
  static final LocalDateTime SECOND_DAY = LocalDateTime.parse("2031-03-09T10:00");

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(
      new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("spring.mail.port", () -> SMTP_PORT);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;
  @Autowired TestRestTemplate http;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void talksArrangedAndTheirNoticesSent() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
    if (jdbc.sql("select count(*) from notifications where kind = 'TALK_SCHEDULED'").query(Long.class).single()
        > 0) {
      return;
    }
    // the first talk's notices arrive
    arrangeTalk("D01", "d01staff", FIRST_DAY);
    deliverAll(1);
    assertThat(smtp.getReceivedMessages()).hasSize(2);
    // the second's run into a dead mail server: three tries each, then an incident
    smtp.stop();
    try {
      arrangeTalk("D02", "d02staff", SECOND_DAY);
      deliverAll(3);
    } finally {
      smtp.start();
    }
    assertThat(runtime.createIncidentQuery().incidentType("failedJob").count()).isEqualTo(2);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theCommissionReadsEveryNotificationWithItsDeliveryAndEveryFilterWorks() throws IOException {
    JsonNode all = api("jiwei", "");
    assertThat(all.get("everyone").asBoolean()).isTrue();
    long stored = jdbc.sql("select count(*) from notifications").query(Long.class).single();
    assertThat(all.get("total").asLong()).isEqualTo(stored).isGreaterThanOrEqualTo(4);
    // newest first: the second day's before the first's
    List<String> created = values(all, "createdAt");
    assertThat(created).isSortedAccordingTo((a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));

    JsonNode failed = api("jiwei", "?status=FAILED");
    assertThat(failed.get("total").asInt()).isEqualTo(2);
    assertThat(values(failed, "recipientName")).containsExactlyInAnyOrder("黄志强", "赵磊");
    assertThat(values(failed, "recipientUnit")).containsOnly("区住房和城乡建设局");
    for (JsonNode row : failed.get("rows")) {
      assertThat(row.get("statusLabel").asText()).isEqualTo("发送失败");
      assertThat(row.get("attempts").asInt()).isEqualTo(3);
      assertThat(row.get("failureReason").asText()).isEqualTo("无法连接发送服务器（服务器未启动或拒绝连接）");
      assertThat(row.get("channelLabel").asText()).isEqualTo("邮件");
      assertThat(row.get("kindLabel").asText()).isEqualTo("谈话通知");
      assertThat(row.hasNonNull("sentAt")).isFalse();
    }

    JsonNode sent = api("jiwei", "?status=SENT");
    assertThat(sent.get("total").asInt()).isEqualTo(2);
    assertThat(values(sent, "recipientName")).containsExactlyInAnyOrder("张伟", "王芳");
    for (JsonNode row : sent.get("rows")) {
      assertThat(row.get("statusLabel").asText()).isEqualTo("已送达");
      assertThat(row.get("attempts").asInt()).isEqualTo(1);
      assertThat(row.hasNonNull("failureReason")).isFalse();
      assertThat(Instant.parse(row.get("sentAt").asText()))
          .isEqualTo(FIRST_DAY.atZone(DISTRICT).toInstant());
      assertThat(row.get("sent").asText()).isEqualTo("2031-03-02 10:00");
    }
    assertThat(api("jiwei", "?status=PENDING").get("total").asInt()).isZero();

    JsonNode wang = api("jiwei", "?recipient=d01staff");
    assertThat(wang.get("total").asInt()).isEqualTo(1);
    assertThat(wang.get("rows").get(0).get("recipientName").asText()).isEqualTo("王芳");
    assertThat(wang.get("rows").get(0).get("recipientUnit").asText()).isEqualTo("区教育和体育局");

    assertThat(api("jiwei", "?kind=TALK_SCHEDULED").get("total").asInt()).isEqualTo(4);
    assertThat(api("jiwei", "?kind=REMINDER&status=FAILED").get("total").asInt()).isZero();
    assertThat(api("jiwei", "?channel=mail&status=FAILED").get("total").asInt()).isEqualTo(2);
    assertThat(api("jiwei", "?channel=log").get("total").asInt()).isZero();
    assertThat(values(api("jiwei", "?from=2031-03-01&to=2031-03-02"), "recipientName"))
        .containsExactlyInAnyOrder("张伟", "王芳");
    assertThat(values(api("jiwei", "?from=2031-03-03&to=2031-03-31"), "recipientName"))
        .containsExactlyInAnyOrder("黄志强", "赵磊");
    assertThat(api("jiwei", "?from=2031-03-09&to=2031-03-09&status=SENT").get("total").asInt()).isZero();

    // bad filters: 400 with a Chinese message
    assertBad("?status=LOST", "未知的发送状态");
    assertBad("?kind=NOPE", "未知的通知类型");
    assertBad("?channel=pigeon", "未知的发送渠道");
    assertBad("?from=2031-13-01", "起始日期格式不正确");
    assertBad("?to=yesterday", "截止日期格式不正确");
    assertBad("?from=2031-03-09&to=2031-03-01", "起始日期不能晚于截止日期");
    assertBad("?page=0", "页码应为正整数");
    assertBad("?recipient=nobody-at-all", "所选收件人不存在");

    // the page: 通知中心, the recipient picked by name, the failure and its reason
    ResponseEntity<String> page = http.withBasicAuth("jiwei", PASSWORD)
        .getForEntity("/pages/notification-centre?status=FAILED", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("<h1>通知中心</h1>", "<option value=\"d02staff\">赵磊（区住房和城乡建设局）</option>",
        "发送失败", "（已尝试 3 次）", "原因：无法连接发送服务器", "谈话通知", "邮件", "共 <b id=\"total\">2</b> 条")
        .doesNotContain("王芳</td>");
    ResponseEntity<String> badPage = http.withBasicAuth("jiwei", PASSWORD)
        .getForEntity("/pages/notification-centre?from=2031-02-30", String.class);
    assertThat(badPage.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badPage.getBody()).contains("起始日期格式不正确").doesNotContain("id=\"notifications\"");
  }

  @Test
  void anOfficialReadsOnlyTheirOwnNotifications() throws IOException {
    JsonNode mine = api("d02staff", "");
    assertThat(mine.get("everyone").asBoolean()).isFalse();
    assertThat(mine.get("total").asInt()).isEqualTo(1);
    assertThat(mine.get("rows").get(0).get("recipientName").asText()).isEqualTo("赵磊");
    assertThat(mine.get("rows").get(0).get("statusLabel").asText()).isEqualTo("发送失败");
    // another's recipient in the filter changes nothing: still only their own
    assertThat(values(api("d02staff", "?recipient=d01staff"), "recipientName")).containsExactly("赵磊");
    assertThat(api("d01sec", "?status=FAILED").get("total").asInt()).isZero();
    assertThat(values(api("d01sec", ""), "recipientName")).containsExactly("张伟");

    ResponseEntity<String> page = http.withBasicAuth("d02staff", PASSWORD)
        .getForEntity("/pages/notification-centre", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("<h1>我的通知</h1>", "赵磊").doesNotContain("王芳", "黄志强", "id=\"recipient\"");
  }

  @Test
  void nobodyLoggedInIsRefused() {
    assertThat(http.getForEntity("/api/notifications", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/pages/notification-centre", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private void assertBad(String query, String message) throws IOException {
    ResponseEntity<String> answer = http.withBasicAuth("jiwei", PASSWORD)
        .getForEntity("/api/notifications" + query, String.class);
    assertThat(answer.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json.readTree(answer.getBody()).get("detail").asText()).as(query).contains(message);
  }

  private JsonNode api(String user, String query) throws IOException {
    ResponseEntity<String> answer = http.withBasicAuth(user, PASSWORD)
        .getForEntity("/api/notifications" + query, String.class);
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
    return json.readTree(answer.getBody());
  }

  private static List<String> values(JsonNode page, String field) {
    List<String> values = new ArrayList<>();
    page.get("rows").forEach(row -> values.add(row.get(field).asText()));
    return values;
  }

  /** The commission starts a talk and arranges it through the engine REST API; its notify step records notices. */
  private void arrangeTalk(String unitCode, String subject, LocalDateTime at) {
    ClockUtil.setCurrentTime(Date.from(at.atZone(DISTRICT).toInstant()));
    ResponseEntity<String> started = http.withBasicAuth("jiwei", PASSWORD).exchange("/api/talks", HttpMethod.POST,
        json("{\"unitCode\":\"" + unitCode + "\",\"kind\":\"INTEGRITY_TALK\",\"subjectUserId\":\"" + subject
            + "\",\"cause\":\"新任职廉政谈话\"}"), String.class);
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.CREATED);
    Task arrange = tasks.createTaskQuery().processDefinitionKey("talk").taskDefinitionKey("ArrangeTalk")
        .taskCandidateGroupIn(List.of("disciplinecommission")).list().stream()
        .filter(task -> unitCode.equals(runtime.getVariable(task.getExecutionId(), "unitCode")))
        .findFirst().orElseThrow();
    String when = at.plusDays(2).withHour(9).withMinute(30).toString();
    ResponseEntity<String> completed = http.withBasicAuth("jiwei", PASSWORD).exchange(
        "/engine-rest/task/" + arrange.getId() + "/submit-form", HttpMethod.POST,
        json("{\"variables\":{\"talkTime\":{\"value\":\"" + when + "\"},\"place\":{\"value\":\"区纪委第一谈话室\"},"
            + "\"participants\":{\"value\":\"区纪委监委：李明；单位：书记\"}}}"), String.class);
    assertThat(completed.getStatusCode()).as(completed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    List<Job> jobs = messageJobsExceptDeliveries();
    while (!jobs.isEmpty()) {
      jobs.forEach(job -> management.executeJob(job.getId()));
      jobs = messageJobsExceptDeliveries();
    }
  }

  private List<Job> messageJobsExceptDeliveries() {
    return management.createJobQuery().messages().processDefinitionKey("talk").list();
  }

  /** Runs every delivery job {@code tries} times (a failing try throws, as it would in the job executor). */
  private void deliverAll(int tries) {
    for (Job delivery : management.createJobQuery().processDefinitionKey(NotificationDeliveryProcess.KEY)
        .withRetriesLeft().list()) {
      for (int attempt = 0; attempt < tries; attempt++) {
        if (tries == 1) {
          management.executeJob(delivery.getId());
        } else {
          assertThatThrownBy(() -> management.executeJob(delivery.getId())).isInstanceOf(Exception.class);
        }
      }
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
