package org.liangze.dashboard;

import org.liangze.organisation.Officials;
import org.liangze.platform.MessagePage;
import org.liangze.platform.Pages;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The supervision dashboard and the guidebook as pages, behind the same login as the API. */
@Controller
class DashboardPageController implements Pages {

  private final DashboardService dashboard;
  private final Officials officials;
  private final Guidebook guidebook;

  DashboardPageController(DashboardService dashboard, Officials officials, Guidebook guidebook) {
    this.dashboard = dashboard;
    this.officials = officials;
    this.guidebook = guidebook;
  }

  @GetMapping("/pages/dashboard")
  String dashboard(@RequestParam(required = false) String period, Model model) {
    Period quarter = period == null || period.isBlank() ? dashboard.currentQuarter() : Period.parse(period);
    model.addAttribute("board", dashboard.of(officials.current(), quarter));
    return "dashboard/dashboard";
  }

  @GetMapping("/pages/guidebook")
  String guidebook(Model model) {
    model.addAttribute("book", guidebook.contents());
    return "dashboard/guidebook";
  }

  @ExceptionHandler(AccessDeniedException.class)
  ModelAndView refused() {
    return MessagePage.of(HttpStatus.FORBIDDEN, "无权查看",
        "看板只对本单位人员、区纪委监委和区委开放。");
  }
}
