package org.liangze.notification;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * An application's access token (WeCom's and DingTalk's {@code gettoken} answer the same way: {@code access_token},
 * {@code expires_in} seconds): kept until five minutes before it expires, fetched again when forgotten.
 */
final class AccessToken {

  private final Clock clock;
  private String token;
  private Instant expires = Instant.MIN;

  AccessToken(Clock clock) {
    this.clock = clock;
  }

  /** The kept token, or a new one from {@code fetch} (which answers the checked {@code gettoken} JSON). */
  synchronized String get(Supplier<JsonNode> fetch) {
    Instant now = clock.instant();
    if (token == null || !now.isBefore(expires)) {
      JsonNode answer = fetch.get();
      token = answer.path("access_token").asText();
      expires = now.plusSeconds(Math.max(60, answer.path("expires_in").asLong(7200) - 300));
    }
    return token;
  }

  synchronized void forget() {
    token = null;
  }

  /** Whether the service said the token is invalid or expired (WeCom and DingTalk: 40014, 42001). */
  static boolean expired(JsonNode answer) {
    int code = answer.path("errcode").asInt(-1);
    return code == 40014 || code == 42001;
  }
}
