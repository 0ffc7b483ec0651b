package org.liangze.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * WeCom's per-person message through a self-built application, against a real local HTTP server standing in for
 * WeCom's API: the access token fetched with the corp id and secret and kept, {@code message/send} to the person's
 * account with the agent id and a markdown card; an expired token fetched again on the next try; a refusal a failed
 * try with a Chinese reason.
 */
class WecomApplicationMessageTest {

  static final String TOKEN = "/cgi-bin/gettoken";
  static final String SEND = "/cgi-bin/message/send";

  final FakeGateway wecom = new FakeGateway()
      .answer(TOKEN, 200, "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"TOKEN-1\",\"expires_in\":7200}")
      .answer(SEND, 200, "{\"errcode\":0,\"errmsg\":\"ok\",\"invaliduser\":\"\"}");
  final WecomChannel channel = new WecomChannel(
      new WecomProperties(wecom.base(), "ww-test-corp", "app-secret", 1000002), null, null, new GatewayHttp(),
      Clock.fixed(Instant.parse("2031-04-01T02:00:00Z"), ZoneId.of("Asia/Shanghai")));
  final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void stop() {
    wecom.close();
  }

  @Test
  void messagesThePersonByTheirAccountWithOneTokenForManyMessages() throws Exception {
    String address = channel.addressOf(new Addressee("d01staff", "王芳", null, null, List.of("D01")));
    assertThat(address).isEqualTo("user:d01staff");
    channel.send(notification(1, address));
    channel.send(notification(2, address));

    assertThat(wecom.requests(TOKEN)).hasSize(1);
    assertThat(wecom.requests(TOKEN).get(0).query()).containsEntry("corpid", "ww-test-corp")
        .containsEntry("corpsecret", "app-secret");
    assertThat(wecom.requests(SEND)).hasSize(2).allSatisfy(request -> {
      assertThat(request.query()).containsEntry("access_token", "TOKEN-1");
      JsonNode body = read(request.body());
      assertThat(body.get("touser").asText()).isEqualTo("d01staff");
      assertThat(body.get("agentid").asInt()).isEqualTo(1000002);
      assertThat(body.get("msgtype").asText()).isEqualTo("markdown");
      assertThat(body.get("markdown").get("content").asText()).startsWith("### 到期提醒：责任书两天后到期\n")
          .contains("> 类型：到期提醒", "请于两天内完成签订。");
    });
  }

  @Test
  void anExpiredTokenFailsTheTryAndIsFetchedAgainOnTheNext() {
    String address = channel.addressOf(new Addressee("d01staff", "王芳", null, null, List.of()));
    channel.send(notification(1, address));
    wecom.queue(SEND, new FakeGateway.Answer(200, "{\"errcode\":42001,\"errmsg\":\"access_token expired\"}"));
    assertThatThrownBy(() -> channel.send(notification(2, address))).isInstanceOf(GatewayException.class)
        .satisfies(e -> assertThat(DeliveryFailures.reasonOf(e)).isEqualTo("企业微信访问令牌已失效，将在重试时重新获取"));
    wecom.answer(TOKEN, 200, "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"TOKEN-2\",\"expires_in\":7200}");
    channel.send(notification(2, address));
    assertThat(wecom.requests(TOKEN)).hasSize(2);
    assertThat(wecom.requests(SEND).get(2).query()).containsEntry("access_token", "TOKEN-2");
  }

  @Test
  void anUnknownAccountOrAWrongSecretIsAFailedTryWithAChineseReason() {
    String address = "user:nobody";
    wecom.queue(SEND, new FakeGateway.Answer(200, "{\"errcode\":0,\"errmsg\":\"ok\",\"invaliduser\":\"nobody\"}"));
    assertThatThrownBy(() -> channel.send(notification(1, address)))
        .satisfies(e -> assertThat(DeliveryFailures.reasonOf(e)).startsWith("企业微信中没有此人的账号"));
    WecomChannel wrongSecret = new WecomChannel(new WecomProperties(wecom.base(), "ww-test-corp", "wrong", 1000002),
        null, null, new GatewayHttp(), Clock.systemUTC());
    wecom.queue(TOKEN, new FakeGateway.Answer(200, "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}"));
    assertThatThrownBy(() -> wrongSecret.send(notification(2, address)))
        .satisfies(e -> assertThat(DeliveryFailures.reasonOf(e)).isEqualTo("企业微信拒绝访问：企业 ID 或应用密钥不正确"));
  }

  private static Notification notification(long id, String address) {
    return new Notification(id, WecomChannel.NAME, "d01staff", address, "到期提醒：责任书两天后到期",
        "请于两天内完成签订。", NotificationKind.REMINDER, "D01", null);
  }

  private JsonNode read(String body) {
    try {
      return json.readTree(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
