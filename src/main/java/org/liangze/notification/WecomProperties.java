package org.liangze.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * WeCom (企业微信): {@code liangze.notifications.wecom.*}. With a self-built application's corp id, secret and agent
 * id, people are messaged one by one (application message, {@code touser} = their login as their WeCom account);
 * without, their unit's group robot is used.
 *
 * @param apiBase the API's address (the tests point it at a local server)
 */
@ConfigurationProperties("liangze.notifications.wecom")
public record WecomProperties(@DefaultValue("https://qyapi.weixin.qq.com") String apiBase, String corpId,
    String corpSecret, Integer agentId) {

  boolean applicationConfigured() {
    return corpId != null && !corpId.isBlank() && corpSecret != null && !corpSecret.isBlank() && agentId != null;
  }
}
