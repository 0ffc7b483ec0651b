package org.liangze.notification;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.liangze.organisation.Officials;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
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
 * 群机器人设置: the organisation administrators give a unit its WeCom or DingTalk group robot (the unit picked by
 * name, the webhook address pasted from the group's robot settings, DingTalk's signing secret). A bad entry answers
 * 400 with its Chinese message, and nothing changes; stored tokens and secrets are never shown in full.
 */
@Controller
class UnitRobotsPageController implements Pages {

  static final String PATH = "/pages/notification-robots";

  /** A robot as the page lists it. */
  record Row(String unitCode, String unitName, String provider, String providerLabel, String url, boolean signed) {
  }

  /** A choice of a select: what is sent, what is shown. */
  record Choice(String value, String label) {
  }

  private final UnitRobots robots;
  private final UnitRepository units;
  private final Officials officials;

  UnitRobotsPageController(UnitRobots robots, UnitRepository units, Officials officials) {
    this.robots = robots;
    this.units = units;
    this.officials = officials;
  }

  @GetMapping(PATH)
  ModelAndView page(HttpServletRequest request) {
    return view(null, null, request);
  }

  @PostMapping(PATH)
  ModelAndView save(@RequestParam(required = false) String unit, @RequestParam(required = false) String provider,
      @RequestParam(required = false) String url, @RequestParam(required = false) String secret,
      HttpServletRequest request) {
    try {
      UnitRobots.Robot saved = robots.save(unit, provider, url, secret, officials.current().userId());
      return view(null, unitName(saved.unitCode()) + "的" + saved.provider().label() + "群机器人已保存。", request);
    } catch (InvalidInputException e) {
      ModelAndView view = view(e.getMessage(), null, request);
      view.addObject("entered", new Entered(value(unit), value(provider), value(url)));
      view.setStatus(HttpStatus.BAD_REQUEST);
      return view;
    }
  }

  @PostMapping(PATH + "/delete")
  ModelAndView delete(@RequestParam(required = false) String unit, @RequestParam(required = false) String provider,
      HttpServletRequest request) {
    robots.remove(value(unit), value(provider));
    return view(null, "已删除。", request);
  }

  /** What was entered, to show again after a refusal (never the secret). */
  record Entered(String unit, String provider, String url) {
  }

  private ModelAndView view(String error, String done, HttpServletRequest request) {
    Map<String, String> names = units.findAll().stream()
        .collect(Collectors.toMap(Unit::code, Unit::name, (a, b) -> a));
    ModelAndView view = new ModelAndView("notification/robots");
    view.addObject("rows", robots.all().stream()
        .map(r -> new Row(r.unitCode(), names.getOrDefault(r.unitCode(), "已撤销单位"), r.provider().name(),
            r.provider().label(), r.shownUrl(), r.signed()))
        .sorted(Comparator.comparing(Row::unitName, java.text.Collator.getInstance(java.util.Locale.CHINA)))
        .toList());
    view.addObject("units", units.findAllActive().stream().map(u -> new Choice(u.code(), u.name()))
        .sorted(Comparator.comparing(Choice::label, java.text.Collator.getInstance(java.util.Locale.CHINA)))
        .toList());
    view.addObject("providers", List.of(new Choice(RobotProvider.WECOM.name(), RobotProvider.WECOM.label()),
        new Choice(RobotProvider.DINGTALK.name(), RobotProvider.DINGTALK.label())));
    view.addObject("entered", new Entered("", "", ""));
    view.addObject("error", error);
    view.addObject("done", done);
    view.addObject("xsrf", WebappSessions.csrfToken(request).orElse(null));
    return view;
  }

  private String unitName(String code) {
    return units.findByCode(code).map(Unit::name).orElse("");
  }

  private static String value(String text) {
    return text == null ? "" : text.trim();
  }
}
