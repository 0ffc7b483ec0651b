package org.liangze.notification;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.liangze.organisation.Person;
import org.liangze.organisation.PersonRepository;
import org.springframework.stereotype.Component;

/**
 * 企业微信: to the person by the self-built application's message ({@code gettoken}, then {@code message/send} with
 * {@code touser}, markdown) when {@link WecomProperties} configure one, else as a markdown card to the group robot of
 * the person's unit ({@code /cgi-bin/webhook/send?key=}). An {@code errcode} other than 0 is a failed try.
 */
@Component
class WecomChannel extends ChatPlatformChannel {

  static final String NAME = "wecom";

  private final WecomProperties properties;
  private final PersonRepository people;

  WecomChannel(WecomProperties properties, UnitRobots robots, PersonRepository people, GatewayHttp http,
      Clock clock) {
    super(NAME, RobotProvider.WECOM, robots, http, clock);
    this.properties = properties;
    this.people = people;
  }

  @Override
  boolean applicationConfigured() {
    return properties.applicationConfigured();
  }

  @Override
  void sendToRobot(UnitRobots.Robot robot, Notification notification) {
    String name = people.find(notification.recipientUserId()).map(Person::name).orElse("");
    JsonNode answer = http.postJson("企业微信", URI.create(robot.webhookUrl()), Map.of("msgtype", "markdown",
        "markdown", Map.of("content", NotificationMarkdown.of(notification, name, null))));
    check(answer);
  }

  @Override
  void sendToPerson(String userId, Notification notification) {
    JsonNode answer = http.postJson("企业微信", URI.create(properties.apiBase() + "/cgi-bin/message/send?access_token="
            + encode(accessToken())),
        Map.of("touser", userId, "msgtype", "markdown", "agentid", properties.agentId(),
            "markdown", Map.of("content", NotificationMarkdown.of(notification, null, null))));
    if (AccessToken.expired(answer)) {
      token.forget();
    }
    check(answer);
    if (!answer.path("invaliduser").asText("").isBlank()) {
      throw new GatewayException("企业微信中没有此人的账号（账号应与本平台登录名一致）",
          "WeCom invaliduser: " + answer.path("invaliduser").asText());
    }
  }

  private String accessToken() {
    return accessToken(URI.create(properties.apiBase() + "/cgi-bin/gettoken?corpid=" + encode(properties.corpId())
        + "&corpsecret=" + encode(properties.corpSecret())));
  }

  @Override
  void checkAnswer(JsonNode answer) {
    check(answer);
  }

  static void check(JsonNode answer) {
    int code = answer.path("errcode").asInt(-1);
    if (code != 0) {
      String message = answer.path("errmsg").asText("");
      throw new GatewayException(switch (code) {
        case 40001, 40013, 40091 -> "企业微信拒绝访问：企业 ID 或应用密钥不正确";
        case 40014, 42001 -> "企业微信访问令牌已失效，将在重试时重新获取";
        case 93000 -> "企业微信群机器人地址无效（机器人可能已被移除）";
        case 45009, 45033 -> "企业微信发送过于频繁，已被限流";
        case 81013 -> "企业微信中没有此人的账号（账号应与本平台登录名一致）";
        default -> "企业微信拒收（错误码 " + code + "）";
      }, "WeCom errcode " + code + ": " + message);
    }
  }
}
