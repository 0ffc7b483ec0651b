package org.liangze.notification;

import org.liangze.organisation.Officials;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The notification centre as JSON: the page's filters, the page's rows. */
@RestController
class NotificationController {

  private final NotificationCentre centre;
  private final Officials officials;

  NotificationController(NotificationCentre centre, Officials officials) {
    this.centre = centre;
    this.officials = officials;
  }

  @GetMapping("/api/notifications")
  NotificationCentre.Page notifications(@RequestParam(required = false) String recipient,
      @RequestParam(required = false) String kind, @RequestParam(required = false) String channel,
      @RequestParam(required = false) String status, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String page) {
    return centre.search(officials.current(), centre.parse(recipient, kind, channel, status, from, to, page));
  }
}
