package org.liangze.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * DingTalk (钉钉): {@code liangze.notifications.dingtalk.*}. With an internal application's app key, app secret and
 * agent id, people get a work notice (工作通知) one by one ({@code userid_list} = their login as their DingTalk
 * userid); without, their unit's group robot is used.
 *
 * @param apiBase the API's address (the tests point it at a local server)
 */
@ConfigurationProperties("liangze.notifications.dingtalk")
public record DingTalkProperties(@DefaultValue("https://oapi.dingtalk.com") String apiBase, String appKey,
    String appSecret, Long agentId) {

  boolean applicationConfigured() {
    return appKey != null && !appKey.isBlank() && appSecret != null && !appSecret.isBlank() && agentId != null;
  }
}
