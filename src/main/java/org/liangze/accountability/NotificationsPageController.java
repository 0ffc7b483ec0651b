package org.liangze.accountability;

import org.liangze.platform.Pages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The public notifications of typical cases (通报曝光), for every logged-in user of the district. */
@Controller
class NotificationsPageController implements Pages {

  private final PublicNotices cases;

  NotificationsPageController(PublicNotices cases) {
    this.cases = cases;
  }

  @GetMapping("/pages/notifications")
  String notifications(Model model) {
    model.addAttribute("notifications", cases.published());
    return "accountability/notifications";
  }
}
