package org.liangze.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * DingTalk's per-person work notice (工作通知) on PostgreSQL through the real path: with an internal application
 * configured, {@link Notifications} records the person's DingTalk notification, its delivery job is run explicitly
 * and {@link DingTalkChannel} calls a real local HTTP server standing in for DingTalk's API. Every request is
 * asserted: {@code gettoken}'s app key and secret, {@code asyncsend_v2}'s access token, agent id, the person's userid
 * (their login) and the markdown title and text; the token is kept for the next notice, an expired one fetched again
 * once and the notice sent again at once; a refusal is a failed try with a Chinese reason.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "liangze.notifications.channel=log",
    "liangze.notifications.dingtalk.app-key=ding-app-key",
    "liangze.notifications.dingtalk.app-secret=ding-app-secret",
    "liangze.notifications.dingtalk.agent-id=2212345678"})
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DingTalkWorkNoticePostgresTest {

  static final String PASSWORD = "dingtalk-test-pw";
  static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");
  static final String TOKEN = "/gettoken";
  static final String SEND = "/topapi/message/corpconversation/asyncsend_v2";
  static final String RESULT = "/topapi/message/corpconversation/getsendresult";
  static final FakeGateway dingtalk = new FakeGateway()
      .answer(TOKEN, 200, "{\"errcode\":0,\"access_token\":\"DING-TOKEN-1\",\"errmsg\":\"ok\",\"expires_in\":7200}")
      .answer(SEND, 200, "{\"errcode\":0,\"task_id\":256271667526,\"request_id\":\"4jzllmte0wau\"}")
      .answer(RESULT, 200, "{\"errcode\":0,\"errmsg\":\"ok\",\"send_result\":{\"invalid_user_id_list\":[],"
          + "\"forbidden_user_id_list\":[],\"failed_user_id_list\":[],\"read_user_id_list\":[],"
          + "\"unread_user_id_list\":[\"d01staff\"],\"invalid_dept_id_list\":[],\"forbidden_list\":[]}}");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
    registry.add("liangze.notifications.dingtalk.api-base", dingtalk::base);
  }

  @AfterAll
  static void stopGateway() {
    dingtalk.close();
  }

  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired NotificationPreferences preferences;
  @Autowired Notifications notifications;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;
  @Autowired TestRestTemplate http;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void district() throws Exception {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
    dingtalk.clear();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void thePersonGetsAWorkNoticeWithOneTokenForManyAndAnExpiredTokenIsFetchedAgainOnce() throws Exception {
    // far later than any other test's clock, so a token kept from one is expired here
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.parse("2040-03-02T09:00").atZone(DISTRICT).toInstant()));
    preferences.save("d01staff", List.of("dingtalk"), false, null, null);
    assertThat(http.withBasicAuth("d01staff", PASSWORD).getForObject("/pages/notification-settings", String.class))
        .contains("钉钉", "发送到本人的钉钉工作通知");

    long first = notify("d01staff", "谈话通知：新任职廉政谈话", "定于2040年3月4日9:30在区纪委第一谈话室进行廉政谈话，请准时参加。");
    long second = notify("d01staff", "到期提醒：责任书两天后到期", "请于两天内完成签订。");
    assertThat(address(first)).isEqualTo("user:d01staff");
    runDelivery(first);
    runDelivery(second);
    assertThat(status(first)).isEqualTo("SENT");
    assertThat(status(second)).isEqualTo("SENT");

    List<FakeGateway.Request> tokens = dingtalk.requests(TOKEN);
    assertThat(tokens).hasSize(1);
    assertThat(tokens.get(0).method()).isEqualTo("GET");
    assertThat(tokens.get(0).query()).containsExactly(Map.entry("appkey", "ding-app-key"),
        Map.entry("appsecret", "ding-app-secret"));
    List<FakeGateway.Request> sends = dingtalk.requests(SEND);
    assertThat(sends).hasSize(2).allSatisfy(request -> {
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.contentType()).startsWith("application/json");
      assertThat(request.query()).containsExactly(Map.entry("access_token", "DING-TOKEN-1"));
    });
    JsonNode notice = json.readTree(sends.get(0).body());
    assertThat(notice.get("agent_id").asLong()).isEqualTo(2212345678L);
    assertThat(notice.get("userid_list").asText()).isEqualTo("d01staff");
    assertThat(notice.get("msg").get("msgtype").asText()).isEqualTo("markdown");
    assertThat(notice.get("msg").get("markdown").get("title").asText()).isEqualTo("谈话通知：新任职廉政谈话");
    assertThat(notice.get("msg").get("markdown").get("text").asText()).isEqualTo(
        "### 谈话通知：新任职廉政谈话\n> 类型：督办通知\n\n定于2040年3月4日9:30在区纪委第一谈话室进行廉政谈话，请准时参加。");
    assertThat(json.readTree(sends.get(1).body()).get("msg").get("markdown").get("title").asText())
        .isEqualTo("到期提醒：责任书两天后到期");

    // DingTalk says the kept token expired: a new one is fetched once and the notice sent again, in the same try
    dingtalk.clear();
    dingtalk.queue(SEND, new FakeGateway.Answer(200, "{\"errcode\":42001,\"errmsg\":\"不合法的access_token\"}"));
    dingtalk.queue(TOKEN, new FakeGateway.Answer(200,
        "{\"errcode\":0,\"access_token\":\"DING-TOKEN-2\",\"errmsg\":\"ok\",\"expires_in\":7200}"));
    long third = notify("d01staff", "督办通知：责任书逾期未签", "本单位责任书已逾期，请尽快签订。");
    runDelivery(third);
    assertThat(status(third)).isEqualTo("SENT");
    assertThat(jdbc.sql("select attempts from notifications where id = ?").param(third).query(Integer.class)
        .single()).isEqualTo(1);
    assertThat(dingtalk.requests(TOKEN)).hasSize(1);
    assertThat(dingtalk.requests(SEND)).extracting(r -> r.query().get("access_token"))
        .containsExactly("DING-TOKEN-1", "DING-TOKEN-2");
    assertThat(dingtalk.requests(SEND)).allSatisfy(r -> assertThat(r.body())
        .contains("\"title\":\"督办通知：责任书逾期未签\""));
  }

  @Test
  void aRefusalIsAFailedTryWithAChineseReason() {
    preferences.save("d01sec", List.of("dingtalk"), false, null, null);
    dingtalk.queue(SEND, new FakeGateway.Answer(200,
        "{\"errcode\":88,\"sub_code\":\"60011\",\"sub_msg\":\"没有调用该接口的权限\",\"errmsg\":\"ding talk error\"}"));
    long id = notify("d01sec", "督办通知：责任书逾期未签", "本单位责任书已逾期，请尽快签订。");
    runDelivery(id);

    Map<String, Object> row = jdbc.sql("select * from notifications where id = ?").param(id).query().singleRow();
    assertThat(row.get("status")).isEqualTo("FAILED");
    assertThat(row.get("attempts")).isEqualTo(1);
    assertThat(row.get("failure_reason")).isEqualTo("钉钉应用没有发送工作通知的权限（请在钉钉开放平台为应用开通）");
    assertThat((String) row.get("last_error")).contains("DingTalk errcode 88");
    assertThat(dingtalk.requests(SEND)).hasSize(1).allSatisfy(r -> assertThat(r.body())
        .contains("\"userid_list\":\"d01sec\""));
  }

  /**
   * DingTalk takes a notice for a userid it does not know and names it only in the send's result: that is a failed
   * try with the reason; a result DingTalk cannot give right after the send leaves the notice sent.
   */
  @Test
  void aUseridDingTalkDoesNotKnowIsAFailedTryAndAnUnreadableResultLeavesItSent() throws Exception {
    preferences.save("d02sec", List.of("dingtalk"), false, null, null);
    dingtalk.queue(SEND, new FakeGateway.Answer(200, "{\"errcode\":0,\"task_id\":777001,\"request_id\":\"r1\"}"));
    dingtalk.queue(RESULT, new FakeGateway.Answer(200, "{\"errcode\":0,\"errmsg\":\"ok\",\"send_result\":{"
        + "\"invalid_user_id_list\":[\"d02sec\"],\"forbidden_user_id_list\":[],\"failed_user_id_list\":[]}}"));
    long unknown = notify("d02sec", "督办通知：责任书逾期未签", "本单位责任书已逾期，请尽快签订。");
    runDelivery(unknown);
    Map<String, Object> row = jdbc.sql("select * from notifications where id = ?").param(unknown).query().singleRow();
    assertThat(row.get("status")).isEqualTo("FAILED");
    assertThat(row.get("failure_reason")).isEqualTo("钉钉通讯录中没有此人（其钉钉账号与平台登录名不一致，请管理员核对）");
    assertThat((String) row.get("last_error")).contains("777001", "invalid");
    List<FakeGateway.Request> results = dingtalk.requests(RESULT);
    assertThat(results).hasSize(1);
    assertThat(results.get(0).method()).isEqualTo("POST");
    // with the token the notice was sent with
    assertThat(results.get(0).query()).containsExactly(Map.entry("access_token",
        dingtalk.requests(SEND).get(0).query().get("access_token")));
    JsonNode asked = json.readTree(results.get(0).body());
    assertThat(asked.get("agent_id").asLong()).isEqualTo(2212345678L);
    assertThat(asked.get("task_id").asLong()).isEqualTo(777001L);

    // DingTalk cannot give the result: the notice went out and stays sent
    dingtalk.queue(RESULT, new FakeGateway.Answer(200, "{\"errcode\":-1,\"errmsg\":\"系统繁忙\"}"));
    long busy = notify("d02sec", "到期提醒：责任书两天后到期", "请于两天内完成签订。");
    runDelivery(busy);
    assertThat(status(busy)).isEqualTo("SENT");
  }

  private long notify(String userId, String subject, String body) {
    notifications.notifyUser(userId, NotificationKind.SUPERVISION_NOTICE, subject, body, "D01", null);
    return jdbc.sql("select max(id) from notifications where recipient_user_id = ? and channel = 'dingtalk'")
        .param(userId).query(Long.class).single();
  }

  private String address(long id) {
    return jdbc.sql("select recipient_address from notifications where id = ?").param(id).query(String.class)
        .single();
  }

  private String status(long id) {
    return jdbc.sql("select status from notifications where id = ?").param(id).query(String.class).single();
  }

  /** Runs the notification's delivery job once (a failing one throws, as the executor sees, and counts a retry). */
  private void runDelivery(long id) {
    String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey("notification-" + id)
        .singleResult().getId();
    Job job = management.createJobQuery().processInstanceId(instance).singleResult();
    try {
      management.executeJob(job.getId());
    } catch (RuntimeException expectedWhenTheGatewayRefuses) {
      // the engine counts the retry
    }
  }
}
