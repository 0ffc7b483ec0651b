package org.liangze.notification;

/** A messaging service whose group robot a unit can have (column {@code unit_robots.provider}). */
public enum RobotProvider {
  WECOM("企业微信", "/cgi-bin/webhook/send", "key"),
  DINGTALK("钉钉", "/robot/send", "access_token");

  private final String label;
  private final String path;
  private final String tokenParameter;

  RobotProvider(String label, String path, String tokenParameter) {
    this.label = label;
    this.path = path;
    this.tokenParameter = tokenParameter;
  }

  public String label() {
    return label;
  }

  /** The path of the service's robot webhook, e.g. /cgi-bin/webhook/send. */
  String path() {
    return path;
  }

  /** The query parameter carrying the robot's token in its webhook address: key or access_token. */
  String tokenParameter() {
    return tokenParameter;
  }
}
