package org.liangze.notification;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The group robots of units (WeCom 群机器人, DingTalk 自定义机器人): the webhook address each group's settings show,
 * and for DingTalk the signing secret (加签). Kept by the district administrator on 群机器人设置.
 */
@Service
public class UnitRobots {

  /** One unit's robot on one service. */
  public record Robot(String unitCode, RobotProvider provider, String webhookUrl, String secret) {

    /** The webhook address with its token hidden, for the settings page. */
    public String shownUrl() {
      int token = webhookUrl.indexOf(provider.tokenParameter() + "=");
      if (token < 0) {
        return webhookUrl;
      }
      int start = token + provider.tokenParameter().length() + 1;
      int end = webhookUrl.indexOf('&', start);
      String value = webhookUrl.substring(start, end < 0 ? webhookUrl.length() : end);
      String hidden = value.length() <= 6 ? "******" : value.substring(0, 4) + "******"
          + value.substring(value.length() - 2);
      return webhookUrl.substring(0, start) + hidden + (end < 0 ? "" : webhookUrl.substring(end));
    }

    public boolean signed() {
      return secret != null && !secret.isBlank();
    }
  }

  private final JdbcClient jdbc;
  private final UnitRepository units;
  private final Clock clock;

  UnitRobots(JdbcClient jdbc, UnitRepository units, Clock clock) {
    this.jdbc = jdbc;
    this.units = units;
    this.clock = clock;
  }

  public List<Robot> all() {
    return jdbc.sql("select * from unit_robots order by unit_code, provider")
        .query((rs, row) -> new Robot(rs.getString("unit_code"), RobotProvider.valueOf(rs.getString("provider")),
            rs.getString("webhook_url"), rs.getString("secret")))
        .list();
  }

  public Optional<Robot> of(String unitCode, RobotProvider provider) {
    return jdbc.sql("select * from unit_robots where unit_code = ? and provider = ?")
        .params(unitCode, provider.name())
        .query((rs, row) -> new Robot(rs.getString("unit_code"), provider, rs.getString("webhook_url"),
            rs.getString("secret")))
        .optional();
  }

  /** The first of the units that has a robot on the service. */
  Optional<Robot> firstOf(List<String> unitCodes, RobotProvider provider) {
    return unitCodes.stream().map(code -> of(code, provider)).flatMap(Optional::stream).findFirst();
  }

  boolean any(RobotProvider provider) {
    return jdbc.sql("select count(*) from unit_robots where provider = ?").param(provider.name())
        .query(Long.class).single() > 0;
  }

  /**
   * Sets (or replaces) a unit's robot; a bad value is an {@link InvalidInputException} with a Chinese message and
   * nothing is stored. A blank secret keeps the stored one, so that the page never has to show it.
   */
  @Transactional
  public Robot save(String unitCode, String providerName, String webhookUrl, String secret, String by) {
    if (unitCode == null || unitCode.isBlank() || units.findByCode(unitCode.trim()).isEmpty()) {
      throw new InvalidInputException("请选择单位");
    }
    RobotProvider provider;
    try {
      provider = RobotProvider.valueOf(providerName == null ? "" : providerName.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("请选择企业微信或钉钉");
    }
    String url = webhookUrl == null ? "" : webhookUrl.trim();
    if (url.isEmpty()) {
      throw new InvalidInputException("请填写机器人的 Webhook 地址");
    }
    if (url.length() > 500) {
      throw new InvalidInputException("Webhook 地址过长（不超过 500 个字符）");
    }
    validateUrl(url, provider);
    String code = unitCode.trim();
    String newSecret = secret == null || secret.isBlank() ? null : secret.trim();
    if (newSecret != null && newSecret.length() > 200) {
      throw new InvalidInputException("加签密钥过长（不超过 200 个字符）");
    }
    if (newSecret != null && provider == RobotProvider.WECOM) {
      throw new InvalidInputException("企业微信群机器人不使用加签密钥，请留空");
    }
    String kept = newSecret != null ? newSecret : of(code, provider).map(Robot::secret).orElse(null);
    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    int updated = jdbc.sql("""
            update unit_robots set webhook_url = ?, secret = ?, updated_by = ?, updated_at = ?
            where unit_code = ? and provider = ?""")
        .params(url, kept, by, now, code, provider.name()).update();
    if (updated == 0) {
      jdbc.sql("""
              insert into unit_robots (unit_code, provider, webhook_url, secret, updated_by, updated_at)
              values (?, ?, ?, ?, ?, ?)""")
          .params(code, provider.name(), url, kept, by, now).update();
    }
    return new Robot(code, provider, url, kept);
  }

  @Transactional
  public void remove(String unitCode, String providerName) {
    jdbc.sql("delete from unit_robots where unit_code = ? and provider = ?").params(unitCode, providerName)
        .update();
  }

  private static void validateUrl(String url, RobotProvider provider) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new InvalidInputException("Webhook 地址格式不正确，请从群机器人设置中完整复制");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
      throw new InvalidInputException("Webhook 地址应以 https:// 开头，请从群机器人设置中完整复制");
    }
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    boolean hasToken = java.util.Arrays.stream(query.split("&"))
        .anyMatch(part -> part.startsWith(provider.tokenParameter() + "=")
            && part.length() > provider.tokenParameter().length() + 1);
    if (!uri.getPath().endsWith(provider.path()) || !hasToken) {
      throw new InvalidInputException("这不是" + provider.label() + "群机器人的 Webhook 地址，请从群机器人设置中完整复制");
    }
  }
}
