package org.liangze.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.liangze.organisation.Person;
import org.liangze.organisation.PersonRepository;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.springframework.stereotype.Component;

/**
 * 短信 through Alibaba Cloud SMS's {@code SendSms} (API version 2017-05-25), called over its documented HTTP RPC API
 * with the request signed by {@link AliyunSignature}: the template and its variables per {@link NotificationKind}
 * from {@link SmsProperties}, the person's mobile number from the organisation. A {@code Code} other than
 * {@code OK} is a failed try with the gateway's reason.
 */
@Component
class SmsChannel implements NotificationChannel {

  static final String NAME = "sms";
  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
      .withZone(java.time.ZoneOffset.UTC);

  private final SmsProperties properties;
  private final GatewayHttp http;
  private final PersonRepository people;
  private final UnitRepository units;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  SmsChannel(SmsProperties properties, GatewayHttp http, PersonRepository people, UnitRepository units,
      Clock clock) {
    this.properties = properties;
    this.http = http;
    this.people = people;
    this.units = units;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String label() {
    return "短信";
  }

  @Override
  public boolean available() {
    return properties.configured();
  }

  /** The mainland mobile number, without spaces, dashes or +86; null if the person has none that is valid. */
  @Override
  public String addressOf(Addressee addressee) {
    return mobileOf(addressee.mobile());
  }

  static String mobileOf(String text) {
    if (text == null) {
      return null;
    }
    String digits = text.replaceAll("[\\s-]", "");
    if (digits.startsWith("+86")) {
      digits = digits.substring(3);
    } else if (digits.startsWith("0086")) {
      digits = digits.substring(4);
    }
    return MOBILE.matcher(digits).matches() ? digits : null;
  }

  @Override
  public void send(Notification notification) {
    if (!properties.configured()) {
      throw new GatewayException("短信服务未配置", "liangze.notifications.sms is not configured");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("AccessKeyId", properties.accessKeyId());
    parameters.put("Action", "SendSms");
    parameters.put("Format", "JSON");
    parameters.put("RegionId", properties.regionId());
    parameters.put("SignatureMethod", "HMAC-SHA1");
    parameters.put("SignatureNonce", UUID.randomUUID().toString());
    parameters.put("SignatureVersion", "1.0");
    parameters.put("Timestamp", TIMESTAMP.format(clock.instant()));
    parameters.put("Version", "2017-05-25");
    parameters.put("PhoneNumbers", notification.recipientAddress());
    parameters.put("SignName", properties.signName());
    parameters.put("TemplateCode", properties.templateOf(notification.kind()));
    parameters.put("TemplateParam", templateParam(notification));
    parameters.put("OutId", "notification-" + notification.id());
    String signature = AliyunSignature.sign("POST", parameters, properties.accessKeySecret());
    String form = AliyunSignature.canonicalQuery(parameters) + "&Signature="
        + AliyunSignature.percentEncode(signature);
    JsonNode answer = http.postForm("短信", URI.create(properties.endpoint()), form);
    String code = answer.path("Code").asText("");
    if (!"OK".equals(code)) {
      throw new GatewayException(reasonOf(code, answer.path("Message").asText("")),
          "SendSms answered Code " + code + ": " + answer.path("Message").asText("") + " (RequestId "
              + answer.path("RequestId").asText("") + ")");
    }
  }

  /** The template's variables as JSON, each filled from the notification and cut to the gateway's limit. */
  String templateParam(Notification notification) {
    Map<String, String> values = new LinkedHashMap<>();
    properties.parametersOf(notification.kind()).forEach((variable, source) ->
        values.put(variable, cut(valueOf(source.trim(), notification))));
    try {
      return json.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String valueOf(String source, Notification notification) {
    return switch (source) {
      case "subject" -> notification.subject();
      case "body" -> notification.body();
      case "kind" -> notification.kind().label();
      case "unit" -> notification.unitCode() == null ? ""
          : units.findByCode(notification.unitCode()).map(Unit::name).orElse("");
      case "name" -> people.find(notification.recipientUserId()).map(Person::name).orElse("");
      default -> throw new IllegalStateException("Unknown SMS template parameter source '" + source
          + "' (liangze.notifications.sms.parameters): subject, body, kind, unit or name");
    };
  }

  private String cut(String value) {
    int max = properties.maxParameterLength();
    return value.length() <= max ? value : value.substring(0, Math.max(1, max - 1)) + "…";
  }

  private static String reasonOf(String code, String message) {
    return switch (code) {
      case "isv.MOBILE_NUMBER_ILLEGAL" -> "短信服务拒收：手机号码格式不正确";
      case "isv.BUSINESS_LIMIT_CONTROL" -> "短信服务拒收：发送过于频繁，已被限流";
      case "isv.SMS_TEMPLATE_ILLEGAL", "isv.SMS_TEMPLATE_NOT_EXIST" -> "短信服务拒收：短信模板不存在或未通过审核";
      case "isv.SMS_SIGNATURE_ILLEGAL", "isv.SMS_SIGNATURE_NOT_EXIST" -> "短信服务拒收：短信签名不存在或未通过审核";
      case "isv.AMOUNT_NOT_ENOUGH", "isv.OUT_OF_SERVICE" -> "短信服务拒收：短信账户余额不足或已停用";
      case "isv.TEMPLATE_MISSING_PARAMETERS", "isv.TEMPLATE_PARAMS_ILLEGAL" -> "短信服务拒收：模板变量与模板不符";
      case "InvalidAccessKeyId.NotFound", "SignatureDoesNotMatch", "isv.ACCOUNT_NOT_EXISTS" ->
          "短信服务拒绝访问：访问密钥或签名不正确";
      default -> "短信服务拒收（" + (message.isBlank() ? code : message) + "）";
    };
  }
}
