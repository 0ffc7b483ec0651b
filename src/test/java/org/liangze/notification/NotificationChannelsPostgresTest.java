package org.liangze.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
import org.liangze.organisation.Person;
import org.liangze.organisation.PersonRepository;
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
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The notification channels on PostgreSQL through the real path: {@link Notifications} fans a notification out to
 * the channels the person chose, each delivery job is run explicitly, and each channel calls a real local HTTP
 * server standing in for its gateway (Alibaba Cloud SMS, a WeCom group robot, a DingTalk group robot). Every
 * request is asserted: the signature recomputed here, the template, the phone number or robot, the markdown. The
 * gateways' refusals become failed tries with Chinese reasons and end as incidents; quiet hours move the delivery
 * job's due date; the settings pages refuse bad input and change nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "liangze.notifications.channel=log",
    "liangze.notifications.urgent-kinds=SUMMONS_REQUESTED",
    "liangze.notifications.sms.access-key-id=LTAI-test-key",
    "liangze.notifications.sms.access-key-secret=test-secret-of-the-key",
    "liangze.notifications.sms.sign-name=两责平台",
    "liangze.notifications.sms.template=SMS_100001",
    "liangze.notifications.sms.templates.TALK_SCHEDULED=SMS_200002",
    "liangze.notifications.sms.parameters.unit=unit"})
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class NotificationChannelsPostgresTest {

  static final String PASSWORD = "channels-test-pw";
  static final String ACCESS_KEY_SECRET = "test-secret-of-the-key";
  static final String DING_SECRET = "SECd1a2b3c4test";
  static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");
  static final String SMS = "/sms/";
  static final String WECOM = "/cgi-bin/webhook/send";
  static final String DING = "/robot/send";
  static final FakeGateway gateway = new FakeGateway()
      .answer(SMS, 200, "{\"Message\":\"OK\",\"RequestId\":\"F655A8D5\",\"BizId\":\"900619746936498440\",\"Code\":\"OK\"}")
      .answer(WECOM, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}")
      .answer(DING, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
    registry.add("liangze.notifications.sms.endpoint", () -> gateway.base() + SMS);
  }

  @AfterAll
  static void stopGateway() {
    gateway.close();
  }

  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired PersonRepository people;
  @Autowired UnitRobots robots;
  @Autowired NotificationPreferences preferences;
  @Autowired Notifications notifications;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;
  @Autowired TestRestTemplate http;
  @Autowired TransactionTemplate transaction;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void districtWithMobilesAndRobots() throws Exception {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
    transaction.executeWithoutResult(status -> {
      withMobile("d01staff", "138 0013 8000");
      withMobile("d01sec", "+8613900139000");
      robots.save("D01", "WECOM", gateway.base() + WECOM + "?key=wecom-key-of-d01", null, "admin");
      robots.save("D01", "DINGTALK", gateway.base() + DING + "?access_token=ding-token-of-d01", DING_SECRET,
          "admin");
    });
    gateway.clear();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void everyChosenChannelGetsItsOwnDeliveryAndEveryGatewayRequestIsSignedAndAddressed() throws Exception {
    LocalDateTime at = LocalDateTime.parse("2031-04-01T10:15:30");
    ClockUtil.setCurrentTime(Date.from(at.atZone(DISTRICT).toInstant()));
    preferences.save("d01staff", List.of("log", "sms", "wecom", "dingtalk"), false, null, null);

    notifications.notifyUser("d01staff", NotificationKind.TALK_SCHEDULED, "谈话通知：新任职廉政谈话",
        "定于2031年4月3日9:30在区纪委第一谈话室进行廉政谈话，请准时参加。", "D01", null);
    List<Long> ids = ids("d01staff");
    assertThat(channels(ids)).containsExactly("log", "sms", "wecom", "dingtalk");
    runDeliveryJobs(1);

    for (Map<String, Object> row : jdbc.sql("select * from notifications where recipient_user_id = 'd01staff'")
        .query().listOfRows()) {
      assertThat(row.get("status")).as("%s", row.get("channel")).isEqualTo("SENT");
      assertThat(row.get("attempts")).isEqualTo(1);
    }

    // SMS: Alibaba Cloud's SendSms, signed as its documentation says (the signature recomputed here)
    List<FakeGateway.Request> sms = gateway.requests(SMS);
    assertThat(sms).hasSize(1);
    assertThat(sms.get(0).method()).isEqualTo("POST");
    assertThat(sms.get(0).contentType()).startsWith("application/x-www-form-urlencoded");
    Map<String, String> form = sms.get(0).form();
    assertThat(form).containsEntry("Action", "SendSms").containsEntry("Version", "2017-05-25")
        .containsEntry("AccessKeyId", "LTAI-test-key").containsEntry("SignatureMethod", "HMAC-SHA1")
        .containsEntry("SignatureVersion", "1.0").containsEntry("Format", "JSON")
        .containsEntry("RegionId", "cn-hangzhou").containsEntry("PhoneNumbers", "13800138000")
        .containsEntry("SignName", "两责平台").containsEntry("TemplateCode", "SMS_200002")
        .containsEntry("Timestamp", "2031-04-01T02:15:30Z").containsKey("SignatureNonce");
    assertThat(json.readTree(form.get("TemplateParam"))).isEqualTo(json.readTree(
        "{\"title\":\"谈话通知：新任职廉政谈话\",\"kind\":\"谈话通知\",\"unit\":\"区教育和体育局\"}"));
    assertThat(form.get("Signature")).isEqualTo(aliyunSignature(form, ACCESS_KEY_SECRET));

    // WeCom: the unit's group robot, by its key, a markdown card
    List<FakeGateway.Request> wecom = gateway.requests(WECOM);
    assertThat(wecom).hasSize(1);
    assertThat(wecom.get(0).query()).containsExactly(Map.entry("key", "wecom-key-of-d01"));
    JsonNode card = json.readTree(wecom.get(0).body());
    assertThat(card.get("msgtype").asText()).isEqualTo("markdown");
    assertThat(card.get("markdown").get("content").asText()).startsWith("### 谈话通知：新任职廉政谈话\n")
        .contains("> 类型：谈话通知", "> 收件人：王芳", "定于2031年4月3日9:30在区纪委第一谈话室进行廉政谈话");

    // DingTalk: the robot's token, timestamp and HMAC-SHA256 sign, the person @-mentioned by mobile
    List<FakeGateway.Request> ding = gateway.requests(DING);
    assertThat(ding).hasSize(1);
    Map<String, String> query = ding.get(0).query();
    assertThat(query).containsEntry("access_token", "ding-token-of-d01")
        .containsEntry("timestamp", String.valueOf(at.atZone(DISTRICT).toInstant().toEpochMilli()));
    assertThat(query.get("sign")).isEqualTo(dingTalkSign(query.get("timestamp"), DING_SECRET));
    JsonNode message = json.readTree(ding.get(0).body());
    assertThat(message.get("msgtype").asText()).isEqualTo("markdown");
    assertThat(message.get("markdown").get("title").asText()).isEqualTo("谈话通知：新任职廉政谈话");
    assertThat(message.get("markdown").get("text").asText()).contains("> 收件人：王芳", "@13800138000");
    assertThat(message.get("at").get("atMobiles")).containsExactly(json.getNodeFactory().textNode("13800138000"));

    // the notification centre: one row per channel, each with its label and status
    JsonNode mine = api("d01staff", "/api/notifications");
    Map<String, String> labels = new TreeMap<>();
    mine.get("rows").forEach(row -> labels.put(row.get("channelLabel").asText(), row.get("statusLabel").asText()));
    assertThat(labels).containsExactlyInAnyOrderEntriesOf(
        Map.of("日志", "已送达", "短信", "已送达", "企业微信", "已送达", "钉钉", "已送达"));
  }

  @Test
  void refusingGatewaysMakeFailedTriesWithChineseReasonsAndFinallyIncidents() {
    preferences.save("d01sec", List.of("sms", "wecom", "dingtalk"), false, null, null);
    gateway.queue(SMS, new FakeGateway.Answer(200,
        "{\"Message\":\"触发分钟级流控Permits:1\",\"RequestId\":\"A1\",\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\"}"),
        new FakeGateway.Answer(200, "{\"Message\":\"触发分钟级流控Permits:1\",\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\"}"),
        new FakeGateway.Answer(200, "{\"Message\":\"触发分钟级流控Permits:1\",\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\"}"));
    gateway.queue(WECOM, new FakeGateway.Answer(500, "upstream down"), new FakeGateway.Answer(500, "upstream down"),
        new FakeGateway.Answer(500, "upstream down"));
    gateway.queue(DING, new FakeGateway.Answer(200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}"),
        new FakeGateway.Answer(200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}"),
        new FakeGateway.Answer(200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}"));

    notifications.notifyUser("d01sec", NotificationKind.SUPERVISION_NOTICE, "督办通知：责任书逾期未签",
        "本单位责任书已逾期，请尽快签订。", "D01", null);
    List<Long> ids = ids("d01sec");
    runDeliveryJobs(3);

    Map<String, String> reasons = jdbc.sql("""
            select channel, failure_reason from notifications
            where recipient_user_id = 'd01sec' and status = 'FAILED' and attempts = 3""")
        .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of(
        "sms", "短信服务拒收：发送过于频繁，已被限流",
        "wecom", "企业微信服务返回错误（HTTP 500）",
        "dingtalk", "钉钉拒收：机器人的加签密钥、关键词或 IP 限制不符"));
    assertThat(gateway.requests(SMS)).hasSize(3)
        .allSatisfy(r -> assertThat(r.form()).containsEntry("PhoneNumbers", "13900139000")
            .containsEntry("TemplateCode", "SMS_100001"));
    assertThat(gateway.requests(WECOM)).hasSize(3);
    assertThat(gateway.requests(DING)).hasSize(3);
    for (long id : ids) {
      String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey("notification-" + id)
          .singleResult().getId();
      assertThat(runtime.createIncidentQuery().processInstanceId(instance).incidentType("failedJob").count())
          .isEqualTo(1);
    }
    String technical = jdbc.sql("select last_error from notifications where recipient_user_id = 'd01sec' "
        + "and channel = 'sms'").query(String.class).single();
    assertThat(technical).contains("isv.BUSINESS_LIMIT_CONTROL");
  }

  @Test
  void quietHoursMoveTheDeliveryJobToTheirEndAndNothingIsDropped() throws Exception {
    preferences.save("d02staff", List.of("log"), true, "22:00", "07:00");
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.parse("2031-05-06T23:40").atZone(DISTRICT).toInstant()));

    notifications.notifyUser("d02staff", NotificationKind.REMINDER, "到期提醒", "任务两天后到期。", "D02", null);
    long id = ids("d02staff").get(0);
    Job job = deliveryJob(id);
    Instant end = LocalDateTime.parse("2031-05-07T07:00").atZone(DISTRICT).toInstant();
    assertThat(job.getDuedate().toInstant()).isEqualTo(end);
    assertThat(management.createJobQuery().jobId(job.getId()).executable().count()).isZero();
    assertThat(status(id)).isEqualTo("PENDING");
    // the notification centre says why it waits
    JsonNode waiting = api("d02staff", "/api/notifications").get("rows").get(0);
    assertThat(waiting.get("statusLabel").asText()).isEqualTo("待发送");
    assertThat(waiting.get("waitsUntil").asText()).isEqualTo("2031-05-07 07:00");
    assertThat(http.withBasicAuth("d02staff", PASSWORD).getForObject("/pages/notification-centre", String.class))
        .contains("免打扰时段，2031-05-07 07:00 发送");

    // an urgent kind goes at once, quiet hours or not
    notifications.notifyUser("d02staff", NotificationKind.SUMMONS_REQUESTED, "约谈请求", "请安排约谈。", "D02", null);
    long urgent = ids("d02staff").get(1);
    assertThat(management.createJobQuery().jobId(deliveryJob(urgent).getId()).executable().count()).isEqualTo(1);
    management.executeJob(deliveryJob(urgent).getId());
    assertThat(status(urgent)).isEqualTo("SENT");

    ClockUtil.setCurrentTime(Date.from(end.minusSeconds(60)));
    assertThat(management.createJobQuery().jobId(job.getId()).executable().count()).isZero();
    ClockUtil.setCurrentTime(Date.from(end));
    assertThat(management.createJobQuery().jobId(job.getId()).executable().count()).isEqualTo(1);
    management.executeJob(job.getId());
    assertThat(status(id)).isEqualTo("SENT");

    // outside quiet hours: due at once
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.parse("2031-05-07T12:00").atZone(DISTRICT).toInstant()));
    notifications.notifyUser("d02staff", NotificationKind.REMINDER, "到期提醒", "任务明天到期。", "D02", null);
    long noon = ids("d02staff").get(2);
    assertThat(management.createJobQuery().jobId(deliveryJob(noon).getId()).executable().count()).isEqualTo(1);
  }

  @Test
  void theSettingsPageRefusesBadInputWithAChineseMessageAndChangesNothing() {
    preferences.save("d02sec", List.of("log", "sms"), true, "21:30", "06:45");
    assertBad(form(), "请至少选择一种接收方式");
    assertBad(form("channel", "pigeon"), "所选的接收方式当前不可用");
    assertBad(form("channel", "log", "quiet", "on", "quietFrom", "25:00", "quietTo", "07:00"),
        "免打扰开始时间格式不正确");
    assertBad(form("channel", "log", "quiet", "on", "quietFrom", "22:00", "quietTo", ""), "请填写免打扰结束时间");
    assertBad(form("channel", "log", "quiet", "on", "quietFrom", "22:00", "quietTo", "22:00"),
        "免打扰的开始时间和结束时间不能相同");
    NotificationPreferences.Preference kept = preferences.of("d02sec");
    assertThat(kept.channels()).containsExactly("log", "sms");
    assertThat(kept.quietHours()).hasValue(new QuietHours(java.time.LocalTime.of(21, 30),
        java.time.LocalTime.of(6, 45)));

    ResponseEntity<String> saved = post("d02sec", "/pages/notification-settings",
        form("channel", "log", "channel", "dingtalk", "quiet", "on", "quietFrom", "22:00", "quietTo", "07:00"));
    assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(saved.getBody()).contains("已保存");
    assertThat(preferences.of("d02sec").channels()).containsExactly("log", "dingtalk");

    ResponseEntity<String> page = http.withBasicAuth("d01staff", PASSWORD)
        .getForEntity("/pages/notification-settings", String.class);
    assertThat(page.getBody()).contains("<h1>我的通知设置</h1>", "短信", "发送到手机 138****8000", "企业微信", "钉钉",
        "发送到本单位钉钉群");
    ResponseEntity<String> unreachable = http.withBasicAuth("d02sec", PASSWORD)
        .getForEntity("/pages/notification-settings", String.class);
    assertThat(unreachable.getBody()).contains("未登记有效的手机号码", "本单位尚未设置钉钉群机器人");
  }

  @Test
  void theOrganisationAdministratorSetsRobotsAndABadAddressChangesNothing() {
    ResponseEntity<String> bad = post("admin", "/pages/notification-robots",
        form("unit", "D02", "provider", "DINGTALK", "url", gateway.base() + WECOM + "?key=abc"));
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody()).contains("这不是钉钉群机器人的 Webhook 地址");
    assertBadRobot(form("unit", "", "provider", "WECOM", "url", gateway.base() + WECOM + "?key=abc"), "请选择单位");
    assertBadRobot(form("unit", "D02", "provider", "WECOM", "url", "ftp://x"), "Webhook 地址应以 https:// 开头");
    assertBadRobot(form("unit", "D02", "provider", "WECOM", "url", gateway.base() + WECOM + "?key=abc",
        "secret", "SEC1"), "企业微信群机器人不使用加签密钥");
    assertThat(robots.of("D02", RobotProvider.DINGTALK)).isEmpty();
    assertThat(robots.of("D02", RobotProvider.WECOM)).isEmpty();

    ResponseEntity<String> saved = post("admin", "/pages/notification-robots",
        form("unit", "D02", "provider", "WECOM", "url", gateway.base() + WECOM + "?key=wecom-key-of-d02"));
    assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(saved.getBody()).contains("区住房和城乡建设局的企业微信群机器人已保存", "?key=weco******02")
        .doesNotContain("wecom-key-of-d02");
    assertThat(robots.of("D02", RobotProvider.WECOM)).isPresent();
    assertThat(http.withBasicAuth("d02staff", PASSWORD).getForEntity("/pages/notification-robots", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    transaction.executeWithoutResult(status -> robots.remove("D02", "WECOM"));
  }

  private void assertBad(MultiValueMap<String, String> form, String message) {
    ResponseEntity<String> answer = post("d02sec", "/pages/notification-settings", form);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody()).contains(message).doesNotContain("已保存");
  }

  private void assertBadRobot(MultiValueMap<String, String> form, String message) {
    ResponseEntity<String> answer = post("admin", "/pages/notification-robots", form);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody()).contains(message);
  }

  private ResponseEntity<String> post(String user, String path, MultiValueMap<String, String> form) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    String password = user.equals("admin") ? "test-admin-password" : PASSWORD;
    return http.withBasicAuth(user, password).exchange(path, HttpMethod.POST, new HttpEntity<>(form, headers),
        String.class);
  }

  private static MultiValueMap<String, String> form(String... pairs) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      form.add(pairs[i], pairs[i + 1]);
    }
    return form;
  }

  private JsonNode api(String user, String path) throws Exception {
    ResponseEntity<String> answer = http.withBasicAuth(user, PASSWORD).getForEntity(path, String.class);
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
    return json.readTree(answer.getBody());
  }

  private void withMobile(String userId, String mobile) {
    Person person = people.find(userId).orElseThrow();
    people.upsertAll(List.of(new Person(person.userId(), person.name(), mobile, person.email(), person.posts())));
  }

  private List<Long> ids(String userId) {
    return jdbc.sql("select id from notifications where recipient_user_id = ? order by id").param(userId)
        .query(Long.class).list();
  }

  private List<String> channels(List<Long> ids) {
    return ids.stream().map(id -> jdbc.sql("select channel from notifications where id = ?").param(id)
        .query(String.class).single()).toList();
  }

  private String status(long id) {
    return jdbc.sql("select status from notifications where id = ?").param(id).query(String.class).single();
  }

  private Job deliveryJob(long id) {
    String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey("notification-" + id)
        .singleResult().getId();
    return management.createJobQuery().processInstanceId(instance).singleResult();
  }

  /** Runs every delivery job with retries left, {@code tries} rounds (a failing one throws, as the executor sees). */
  private void runDeliveryJobs(int tries) {
    for (int round = 0; round < tries; round++) {
      for (Job job : management.createJobQuery().processDefinitionKey(NotificationDeliveryProcess.KEY)
          .withRetriesLeft().list()) {
        try {
          management.executeJob(job.getId());
        } catch (RuntimeException expectedWhenAGatewayRefuses) {
          // the engine counts the retry
        }
      }
    }
  }

  /** Alibaba Cloud's RPC signature, written here from its documentation, independently of the channel's. */
  private static String aliyunSignature(Map<String, String> form, String secret) throws Exception {
    String canonical = new TreeMap<>(form).entrySet().stream().filter(e -> !e.getKey().equals("Signature"))
        .map(e -> rfc3986(e.getKey()) + "=" + rfc3986(e.getValue())).collect(Collectors.joining("&"));
    String toSign = "POST&" + rfc3986("/") + "&" + rfc3986(canonical);
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
  }

  private static String rfc3986(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
          || c == '.' || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  /** DingTalk's robot sign, from its documentation: Base64(HMAC-SHA256(secret, timestamp + "\n" + secret)). */
  private static String dingTalkSign(String timestamp, String secret) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal((timestamp + "\n" + secret)
        .getBytes(StandardCharsets.UTF_8)));
  }
}
