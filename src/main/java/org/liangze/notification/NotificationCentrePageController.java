package org.liangze.notification;

import java.util.List;
import org.liangze.organisation.Official;
import org.liangze.organisation.Officials;
import org.liangze.platform.InvalidInputException;
import org.liangze.platform.Pages;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * 通知中心 (the district's posts) or 我的通知 (everyone else) as a page: the filters as a form (the recipient picked
 * by name), the rows, and pages of {@value NotificationCentre#PAGE_SIZE}. A bad filter shows its Chinese message
 * with status 400 and no rows.
 */
@Controller
class NotificationCentrePageController implements Pages {

  static final String PATH = "/pages/notification-centre";

  private final NotificationCentre centre;
  private final Officials officials;

  NotificationCentrePageController(NotificationCentre centre, Officials officials) {
    this.centre = centre;
    this.officials = officials;
  }

  @GetMapping(PATH)
  ModelAndView page(@RequestParam(required = false) String recipient, @RequestParam(required = false) String kind,
      @RequestParam(required = false) String channel, @RequestParam(required = false) String status,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String page) {
    Official caller = officials.current();
    boolean everyone = centre.readsEveryone(caller);
    ModelAndView view = new ModelAndView("notification/centre");
    view.addObject("everyone", everyone);
    view.addObject("title", everyone ? "通知中心" : "我的通知");
    view.addObject("robots", caller.isMemberOf(org.liangze.organisation.Groups.ORGANISATION_ADMINS)
        || caller.isMemberOf(org.liangze.organisation.Groups.ADMINISTRATORS));
    view.addObject("recipients", everyone ? centre.recipientChoices() : List.of());
    view.addObject("kinds", centre.kindChoices());
    view.addObject("channels", centre.channelChoices());
    view.addObject("statuses", centre.statusChoices());
    view.addObject("selected", new Selected(value(recipient), value(kind), value(channel), value(status),
        value(from), value(to)));
    try {
      NotificationFilter filter = centre.parse(recipient, kind, channel, status, from, to, page);
      NotificationCentre.Page result = centre.search(caller, filter);
      view.addObject("result", result);
      view.addObject("previous", result.page() > 1 ? link(recipient, kind, channel, status, from, to,
          result.page() - 1) : null);
      view.addObject("next", result.page() < result.pages() ? link(recipient, kind, channel, status, from, to,
          result.page() + 1) : null);
    } catch (InvalidInputException e) {
      view.setStatus(HttpStatus.BAD_REQUEST);
      view.addObject("error", e.getMessage());
    }
    return view;
  }

  /** The filters as entered, to show them again in the form. */
  record Selected(String recipient, String kind, String channel, String status, String from, String to) {
  }

  private static String value(String text) {
    return text == null ? "" : text.trim();
  }

  private static String link(String recipient, String kind, String channel, String status, String from, String to,
      int page) {
    UriComponentsBuilder uri = UriComponentsBuilder.fromPath(PATH);
    add(uri, "recipient", recipient);
    add(uri, "kind", kind);
    add(uri, "channel", channel);
    add(uri, "status", status);
    add(uri, "from", from);
    add(uri, "to", to);
    uri.queryParam("page", page);
    return uri.encode().build().toUriString();
  }

  private static void add(UriComponentsBuilder uri, String name, String value) {
    if (value != null && !value.isBlank()) {
      uri.queryParam(name, value.trim());
    }
  }
}
