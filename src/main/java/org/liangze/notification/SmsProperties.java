package org.liangze.notification;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMS gateway (Alibaba Cloud SMS, {@code SendSms}): {@code liangze.notifications.sms.*}. The channel is offered
 * to people once the access key, the sign name and a template are set.
 *
 * @param endpoint the API's address (the tests point it at a local server)
 * @param template the template code for every kind without one of its own in {@code templates}
 * @param templates template code per {@link NotificationKind} name; blank means {@code template}
 * @param parameters the template's variables: variable name to what fills it ({@code subject}, {@code kind},
 *     {@code unit}, {@code name}, {@code body}); per kind in {@code kindParameters}, else these
 * @param maxParameterLength the gateway's limit on one variable's length; longer values are cut with "…"
 */
@ConfigurationProperties("liangze.notifications.sms")
public record SmsProperties(@DefaultValue("https://dysmsapi.aliyuncs.com/") String endpoint, String accessKeyId,
    String accessKeySecret, String signName, @DefaultValue("cn-hangzhou") String regionId, String template,
    Map<String, String> templates, Map<String, String> parameters,
    Map<String, Map<String, String>> kindParameters, @DefaultValue("35") int maxParameterLength) {

  public SmsProperties {
    templates = templates == null ? Map.of() : Map.copyOf(templates);
    parameters = parameters == null || parameters.isEmpty() ? Map.of("title", "subject") : Map.copyOf(parameters);
    kindParameters = kindParameters == null ? Map.of() : Map.copyOf(kindParameters);
  }

  boolean configured() {
    return !blank(accessKeyId) && !blank(accessKeySecret) && !blank(signName) && !blank(template);
  }

  String templateOf(NotificationKind kind) {
    String own = templates.get(kind.name());
    return blank(own) ? template : own.trim();
  }

  Map<String, String> parametersOf(NotificationKind kind) {
    Map<String, String> own = kindParameters.get(kind.name());
    return own == null || own.isEmpty() ? parameters : own;
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
