package org.liangze.rectification;

import java.util.Arrays;
import java.util.List;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Official;
import org.liangze.organisation.Officials;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.MessagePage;
import org.liangze.platform.Pages;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The rectification ledger as pages to read in the browser (the webapp login is enough): a unit's ledger for its
 * own people and the district's posts, the district's for the district's posts with the commission's entry of an
 * inspection's findings. Filters by status; the Excel link exports what is shown.
 */
@Controller
class LedgerPageController implements Pages {

  private final RectificationLedger ledger;
  private final LedgerViews views;
  private final UnitRepository units;
  private final Officials officials;

  LedgerPageController(RectificationLedger ledger, LedgerViews views, UnitRepository units, Officials officials) {
    this.ledger = ledger;
    this.views = views;
    this.units = units;
    this.officials = officials;
  }

  @GetMapping("/pages/units/{unitCode}/rectification-ledger")
  String unitLedger(@PathVariable String unitCode, @RequestParam(required = false) String status, Model model) {
    RectificationLedger.Filter filter = RectificationLedger.Filter.of(status);
    Official official = officials.current();
    List<LedgerRow> all = ledger.unitLedger(official, unitCode, RectificationLedger.Filter.ALL);
    List<LedgerRow> shown = ledger.unitLedger(official, unitCode, filter);
    model.addAttribute("title", views.unitName(unitCode) + "整改台账");
    model.addAttribute("district", false);
    model.addAttribute("base", "/pages/units/" + unitCode + "/rectification-ledger");
    model.addAttribute("export", "/api/units/" + unitCode + "/rectification-ledger.xlsx?status=" + filter.name());
    fill(model, filter, all, shown, false, List.of());
    return "rectification/ledger";
  }

  @GetMapping("/pages/rectification-ledger")
  String districtLedger(@RequestParam(required = false) String status, Model model) {
    RectificationLedger.Filter filter = RectificationLedger.Filter.of(status);
    Official official = officials.current();
    List<LedgerRow> all = ledger.districtLedger(official, RectificationLedger.Filter.ALL);
    List<LedgerRow> shown = ledger.districtLedger(official, filter);
    model.addAttribute("title", "全区整改台账");
    model.addAttribute("district", true);
    model.addAttribute("base", "/pages/rectification-ledger");
    model.addAttribute("export", "/api/rectification-ledger.xlsx?status=" + filter.name());
    boolean commission = official.isMemberOf(Groups.DISCIPLINE_COMMISSION);
    fill(model, filter, all, shown, commission, commission ? units.findAllActive() : List.of());
    return "rectification/ledger";
  }

  private void fill(Model model, RectificationLedger.Filter filter, List<LedgerRow> all, List<LedgerRow> shown,
      boolean canEnterFindings, List<Unit> unitChoices) {
    model.addAttribute("filter", filter);
    model.addAttribute("filters", Arrays.asList(RectificationLedger.Filter.values()));
    model.addAttribute("totals", views.totals(all));
    model.addAttribute("rows", views.of(shown));
    model.addAttribute("today", ledger.today().toString());
    model.addAttribute("canEnterFindings", canEnterFindings);
    model.addAttribute("unitChoices", unitChoices);
  }

  @ExceptionHandler(AccessDeniedException.class)
  ModelAndView refused() {
    return MessagePage.of(HttpStatus.FORBIDDEN, "无权查看该整改台账",
        "单位的整改台账只对本单位人员和区纪委监委、区委开放；全区整改台账只对区纪委监委、区委开放。");
  }
}
