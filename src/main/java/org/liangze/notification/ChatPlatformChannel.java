package org.liangze.notification;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * A chat platform of Chinese offices (企业微信, 钉钉): a notice goes to the person through the organisation's own
 * application when one is configured, else as a markdown card to the group robot of the person's unit. The address
 * says which: {@code user:<userid>} or {@code robot:<unit code>}. The application's access token is kept
 * ({@link AccessToken}) until it is (about to be) expired.
 */
abstract class ChatPlatformChannel implements NotificationChannel {

  static final String TO_PERSON = "user:";
  static final String TO_ROBOT = "robot:";

  private final String name;
  private final RobotProvider provider;
  final UnitRobots robots;
  final GatewayHttp http;
  final AccessToken token;

  ChatPlatformChannel(String name, RobotProvider provider, UnitRobots robots, GatewayHttp http, Clock clock) {
    this.name = name;
    this.provider = provider;
    this.robots = robots;
    this.http = http;
    this.token = new AccessToken(clock);
  }

  /** Whether the organisation's application is configured: then every notice goes to the person through it. */
  abstract boolean applicationConfigured();

  /** Sends the notice to the person through the application. */
  abstract void sendToPerson(String userId, Notification notification);

  /** Sends the notice as a card to the unit's group robot. */
  abstract void sendToRobot(UnitRobots.Robot robot, Notification notification);

  /** Throws a {@link GatewayException} with a Chinese reason unless the platform's answer says it succeeded. */
  abstract void checkAnswer(JsonNode answer);

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String label() {
    return provider.label();
  }

  @Override
  public final boolean available() {
    return applicationConfigured() || robots.any(provider);
  }

  @Override
  public final String addressOf(Addressee addressee) {
    if (applicationConfigured()) {
      return TO_PERSON + addressee.userId();
    }
    return robots.firstOf(addressee.unitCodes(), provider).map(robot -> TO_ROBOT + robot.unitCode()).orElse(null);
  }

  @Override
  public final void send(Notification notification) {
    String address = notification.recipientAddress();
    if (address.startsWith(TO_PERSON)) {
      sendToPerson(address.substring(TO_PERSON.length()), notification);
      return;
    }
    String unitCode = address.substring(TO_ROBOT.length());
    sendToRobot(robots.of(unitCode, provider).orElseThrow(() -> new GatewayException(
        "单位的" + label() + "群机器人已被删除", "No " + provider + " robot for unit " + unitCode)), notification);
  }

  /** The application's access token, fetched from {@code tokenUri} again when it is (about to be) expired. */
  String accessToken(URI tokenUri) {
    return token.get(() -> {
      JsonNode answer = http.get(label(), tokenUri);
      checkAnswer(answer);
      return answer;
    });
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
