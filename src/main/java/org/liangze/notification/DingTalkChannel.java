package org.liangze.notification;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.liangze.organisation.Person;
import org.liangze.organisation.PersonRepository;
import org.springframework.stereotype.Component;

/**
 * 钉钉: to the person as a work notice (工作通知) of the internal application ({@code gettoken} with app key and
 * secret, then {@code topapi/message/corpconversation/asyncsend_v2} with {@code agent_id}, {@code userid_list},
 * markdown) when {@link DingTalkProperties} configure one, else as a markdown card to the custom robot of the
 * person's unit group ({@code /robot/send?access_token=}), the person @-mentioned by their mobile number when they
 * have one. A robot with a secret (加签) is called with {@code timestamp} and {@code sign} = Base64(HMAC-SHA256(secret,
 * timestamp + "\n" + secret)), URL-encoded, as DingTalk documents it. An {@code errcode} other than 0 is a failed
 * try; an expired application token is fetched again and the notice sent once more at once. A work notice's send
 * result is read once after the send ({@code getsendresult}): a person it names invalid, forbidden or failed is a
 * failed try.
 */
@Component
class DingTalkChannel extends ChatPlatformChannel {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DingTalkChannel.class);

  static final String NAME = "dingtalk";

  private final DingTalkProperties properties;
  private final PersonRepository people;
  private final Clock clock;

  DingTalkChannel(DingTalkProperties properties, UnitRobots robots, PersonRepository people, GatewayHttp http,
      Clock clock) {
    super(NAME, RobotProvider.DINGTALK, robots, http, clock);
    this.properties = properties;
    this.people = people;
    this.clock = clock;
  }

  @Override
  boolean applicationConfigured() {
    return properties.applicationConfigured();
  }

  @Override
  void sendToRobot(UnitRobots.Robot robot, Notification notification) {
    Person person = people.find(notification.recipientUserId()).orElse(null);
    String mobile = person == null ? null : SmsChannel.mobileOf(person.mobile());
    String url = robot.webhookUrl();
    if (robot.signed()) {
      long timestamp = clock.millis();
      url += "&timestamp=" + timestamp + "&sign=" + encode(sign(timestamp, robot.secret()));
    }
    JsonNode answer = http.postJson("钉钉", URI.create(url), Map.of("msgtype", "markdown",
        "markdown", Map.of("title", notification.subject(),
            "text", NotificationMarkdown.of(notification, person == null ? "" : person.name(), mobile)),
        "at", Map.of("atMobiles", mobile == null ? List.of() : List.of(mobile), "isAtAll", false)));
    check(answer);
  }

  /** The work notice: sent again once with a new token when DingTalk says the kept one expired. */
  @Override
  void sendToPerson(String userId, Notification notification) {
    Map<String, Object> notice = Map.of("agent_id", properties.agentId(), "userid_list", userId,
        "msg", Map.of("msgtype", "markdown", "markdown", Map.of("title", notification.subject(),
            "text", NotificationMarkdown.of(notification, null, null))));
    JsonNode answer = asyncSend(notice);
    if (AccessToken.expired(answer)) {
      token.forget();
      answer = asyncSend(notice);
    }
    check(answer);
    long taskId = answer.path("task_id").asLong(0);
    if (taskId != 0) {
      checkSendResult(userId, taskId);
    }
  }

  /**
   * {@code asyncsend_v2} accepts a notice for any userid and sends it later: a userid DingTalk does not know, or one
   * it will not send to (流控: the same content to a person once a day, at most 500 notices a day from one
   * application), is named in the send's result. It is asked for once, right after the send: a userid it names there
   * is a failed try with the reason; what it has not settled yet, or a result it cannot give, counts as sent (the
   * notice went out; asking again later is not done).
   */
  private void checkSendResult(String userId, long taskId) {
    JsonNode result;
    try {
      result = http.postJson("钉钉", URI.create(properties.apiBase()
          + "/topapi/message/corpconversation/getsendresult?access_token=" + encode(accessToken())),
          Map.of("agent_id", properties.agentId(), "task_id", taskId));
      check(result);
    } catch (GatewayException | java.io.UncheckedIOException unknown) {
      LOG.warn("DingTalk send result of task {} not read: {}", taskId, unknown.getMessage());
      return;
    }
    JsonNode sent = result.path("send_result");
    if (names(sent.path("invalid_user_id_list"), userId)) {
      throw new GatewayException("钉钉通讯录中没有此人（其钉钉账号与平台登录名不一致，请管理员核对）",
          "DingTalk task " + taskId + ": userid " + userId + " invalid");
    }
    if (names(sent.path("forbidden_user_id_list"), userId)) {
      throw new GatewayException("钉钉限制了发给此人的工作通知（同一内容每天只发一次，每人每天最多500条）",
          "DingTalk task " + taskId + ": userid " + userId + " forbidden by flow control");
    }
    if (names(sent.path("failed_user_id_list"), userId)) {
      throw new GatewayException("钉钉未能把工作通知送达此人", "DingTalk task " + taskId + ": userid " + userId
          + " failed");
    }
  }

  private static boolean names(JsonNode userIds, String userId) {
    for (JsonNode each : userIds) {
      if (userId.equals(each.asText())) {
        return true;
      }
    }
    return false;
  }

  private JsonNode asyncSend(Map<String, Object> notice) {
    return http.postJson("钉钉", URI.create(properties.apiBase()
        + "/topapi/message/corpconversation/asyncsend_v2?access_token=" + encode(accessToken())), notice);
  }

  private String accessToken() {
    return accessToken(URI.create(properties.apiBase() + "/gettoken?appkey=" + encode(properties.appKey())
        + "&appsecret=" + encode(properties.appSecret())));
  }

  @Override
  void checkAnswer(JsonNode answer) {
    check(answer);
  }

  static void check(JsonNode answer) {
    int code = answer.path("errcode").asInt(-1);
    if (code != 0) {
      throw new GatewayException(switch (code) {
        case 310000 -> "钉钉拒收：机器人的加签密钥、关键词或 IP 限制不符";
        case 300001, 400102 -> "钉钉群机器人地址无效（机器人可能已被移除或停用）";
        case 130101, 410100 -> "钉钉发送过于频繁，已被限流";
        case 40089, 40095 -> "钉钉拒绝访问：应用的 AppKey 或 AppSecret 不正确";
        case 40014, 42001 -> "钉钉访问令牌已失效，将在重试时重新获取";
        case 88 -> "钉钉应用没有发送工作通知的权限（请在钉钉开放平台为应用开通）";
        default -> "钉钉拒收（错误码 " + code + "）";
      }, "DingTalk errcode " + code + ": " + answer.path("errmsg").asText(""));
    }
  }

  /** DingTalk's robot signature for a timestamp in milliseconds (not yet URL-encoded). */
  static String sign(long timestamp, String secret) {
    return Hmac.base64("HmacSHA256", secret, timestamp + "\n" + secret);
  }
}
