package org.liangze.notification;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.liangze.organisation.Officials;
import org.liangze.platform.InvalidInputException;
import org.liangze.platform.Pages;
import org.liangze.platform.WebappSessions;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * 我的通知设置: each person chooses the channels that reach them and their quiet hours. Every channel shows whether
 * the person can be reached on it (a mobile number for SMS, their unit's group robot, ...). A bad choice answers
 * 400 with its Chinese message, and nothing changes.
 */
@Controller
class NotificationSettingsPageController implements Pages {

  static final String PATH = "/pages/notification-settings";

  /** A channel as the page offers it. */
  record Option(String name, String label, boolean checked, boolean reachable, String how) {
  }

  private final NotificationPreferences preferences;
  private final Notifications notifications;
  private final WecomProperties wecom;
  private final DingTalkProperties dingTalk;
  private final Officials officials;

  NotificationSettingsPageController(NotificationPreferences preferences, Notifications notifications,
      WecomProperties wecom, DingTalkProperties dingTalk, Officials officials) {
    this.preferences = preferences;
    this.notifications = notifications;
    this.wecom = wecom;
    this.dingTalk = dingTalk;
    this.officials = officials;
  }

  @GetMapping(PATH)
  ModelAndView page(@RequestParam(required = false) String saved, HttpServletRequest request) {
    ModelAndView view = view(officials.current().userId(), null, request);
    view.addObject("saved", saved != null);
    return view;
  }

  @PostMapping(PATH)
  ModelAndView save(@RequestParam(name = "channel", required = false) List<String> channels,
      @RequestParam(required = false) String quiet, @RequestParam(required = false) String quietFrom,
      @RequestParam(required = false) String quietTo, HttpServletRequest request) {
    String userId = officials.current().userId();
    try {
      preferences.save(userId, channels, quiet != null && !quiet.isBlank(), quietFrom, quietTo);
    } catch (InvalidInputException e) {
      ModelAndView view = view(userId, e.getMessage(), request);
      view.setStatus(HttpStatus.BAD_REQUEST);
      return view;
    }
    ModelAndView view = view(userId, null, request);
    view.addObject("saved", true);
    return view;
  }

  private ModelAndView view(String userId, String error, HttpServletRequest request) {
    NotificationPreferences.Preference preference = preferences.of(userId);
    Addressee addressee = notifications.addressee(userId)
        .orElse(new Addressee(userId, userId, null, null, List.of()));
    List<Option> options = preferences.choosable().stream()
        .map(channel -> {
          String address = channel.addressOf(addressee);
          return new Option(channel.name(), channel.name().equals(LogChannel.NAME) ? "站内（通知中心）"
              : channel.label(), preference.channels().contains(channel.name()), address != null,
              how(channel, address, addressee));
        })
        .toList();
    ModelAndView view = new ModelAndView("notification/settings");
    view.addObject("name", addressee.name());
    view.addObject("options", options);
    view.addObject("chosen", preference.chosen());
    view.addObject("quiet", preference.quietHours().isPresent());
    view.addObject("quietFrom", preference.quietHours().map(QuietHours::fromShown).orElse("22:00"));
    view.addObject("quietTo", preference.quietHours().map(QuietHours::toShown).orElse("07:00"));
    view.addObject("error", error);
    view.addObject("saved", false);
    view.addObject("xsrf", WebappSessions.csrfToken(request).orElse(null));
    return view;
  }

  private String how(NotificationChannel channel, String address, Addressee addressee) {
    return switch (channel.name()) {
      case LogChannel.NAME -> "在“我的通知”中查看";
      case MailChannel.NAME -> address == null ? "未登记电子邮箱，邮件无法送达" : "发送到 " + address;
      case SmsChannel.NAME -> address == null ? "未登记有效的手机号码，短信无法送达（请联系组织管理员）"
          : "发送到手机 " + address.substring(0, 3) + "****" + address.substring(7);
      case WecomChannel.NAME -> address == null ? "本单位尚未设置企业微信群机器人，无法送达"
          : wecom.applicationConfigured() ? "发送到本人的企业微信" : "发送到本单位企业微信群（" + addressee.name() + "）";
      case DingTalkChannel.NAME -> address == null ? "本单位尚未设置钉钉群机器人，无法送达"
          : dingTalk.applicationConfigured() ? "发送到本人的钉钉工作通知" : "发送到本单位钉钉群，并 @ 本人";
      default -> "";
    };
  }
}
