package org.liangze.notification;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.liangze.organisation.Person;
import org.liangze.organisation.PersonRepository;
import org.springframework.stereotype.Component;

/**
 * 钉钉: a markdown card to the custom robot of the person's unit group ({@code /robot/send?access_token=}), the person
 * @-mentioned by their mobile number when they have one. A robot with a secret (加签) is called with
 * {@code timestamp} and {@code sign} = Base64(HMAC-SHA256(secret, timestamp + "\n" + secret)), URL-encoded, as
 * DingTalk documents it. An {@code errcode} other than 0 is a failed try.
 */
@Component
class DingTalkChannel implements NotificationChannel {

  static final String NAME = "dingtalk";

  private final UnitRobots robots;
  private final PersonRepository people;
  private final GatewayHttp http;
  private final Clock clock;

  DingTalkChannel(UnitRobots robots, PersonRepository people, GatewayHttp http, Clock clock) {
    this.robots = robots;
    this.people = people;
    this.http = http;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String label() {
    return "钉钉";
  }

  @Override
  public boolean available() {
    return robots.any(RobotProvider.DINGTALK);
  }

  @Override
  public String addressOf(Addressee addressee) {
    return robots.firstOf(addressee.unitCodes(), RobotProvider.DINGTALK)
        .map(r -> WecomChannel.TO_ROBOT + r.unitCode()).orElse(null);
  }

  @Override
  public void send(Notification notification) {
    String unitCode = notification.recipientAddress().substring(WecomChannel.TO_ROBOT.length());
    UnitRobots.Robot robot = robots.of(unitCode, RobotProvider.DINGTALK).orElseThrow(() -> new GatewayException(
        "单位的钉钉群机器人已被删除", "No DingTalk robot for unit " + unitCode));
    Person person = people.find(notification.recipientUserId()).orElse(null);
    String mobile = person == null ? null : SmsChannel.mobileOf(person.mobile());
    String url = robot.webhookUrl();
    if (robot.signed()) {
      long timestamp = clock.millis();
      url += "&timestamp=" + timestamp + "&sign=" + URLEncoder.encode(sign(timestamp, robot.secret()),
          StandardCharsets.UTF_8);
    }
    JsonNode answer = http.postJson("钉钉", URI.create(url), Map.of("msgtype", "markdown",
        "markdown", Map.of("title", notification.subject(),
            "text", NotificationMarkdown.of(notification, person == null ? "" : person.name(), mobile)),
        "at", Map.of("atMobiles", mobile == null ? List.of() : List.of(mobile), "isAtAll", false)));
    int code = answer.path("errcode").asInt(-1);
    if (code != 0) {
      throw new GatewayException(switch (code) {
        case 310000 -> "钉钉拒收：机器人的加签密钥、关键词或 IP 限制不符";
        case 300001, 400102 -> "钉钉群机器人地址无效（机器人可能已被移除或停用）";
        case 130101, 410100 -> "钉钉发送过于频繁，已被限流";
        default -> "钉钉拒收（错误码 " + code + "）";
      }, "DingTalk errcode " + code + ": " + answer.path("errmsg").asText(""));
    }
  }

  /** DingTalk's robot signature for a timestamp in milliseconds (not yet URL-encoded). */
  static String sign(long timestamp, String secret) {
    return Hmac.base64("HmacSHA256", secret, timestamp + "\n" + secret);
  }
}
