package org.liangze.imports;

import org.liangze.organisation.Official;
import org.liangze.organisation.Officials;
import org.liangze.platform.MessagePage;
import org.liangze.platform.Pages;
import org.liangze.platform.NotFoundException;
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
 * The organisation's pages: the district tree (for the commission, 组织管理员 and administrators), the import page
 * and the import history (for 组织管理员 and administrators). The import page uploads to the import API.
 */
@Controller
class OrganisationPageController implements Pages {

  private final OrganisationTree tree;
  private final ImportHistory history;
  private final Officials officials;

  OrganisationPageController(OrganisationTree tree, ImportHistory history, Officials officials) {
    this.tree = tree;
    this.history = history;
    this.officials = officials;
  }

  @GetMapping("/pages/organisation")
  String tree(@RequestParam(required = false) String q, Model model) {
    Official official = officials.current();
    if (!OrganisationAccess.mayReadTree(official)) {
      throw new AccessDeniedException("organisation tree");
    }
    model.addAttribute("tree", tree.of(q));
    model.addAttribute("mayImport", OrganisationAccess.mayImport(official));
    return "organisation/tree";
  }

  @GetMapping("/pages/organisation/import")
  String importPage() {
    requireImporter();
    return "organisation/import";
  }

  @GetMapping("/pages/organisation/imports")
  String history(Model model) {
    requireImporter();
    model.addAttribute("imports", history.list(500));
    return "organisation/history";
  }

  @GetMapping("/pages/organisation/imports/{id}")
  String report(@PathVariable long id, Model model) {
    requireImporter();
    model.addAttribute("id", id);
    model.addAttribute("report", history.report(id).orElseThrow(() -> new NotFoundException("没有这次导入")));
    return "organisation/report";
  }

  private void requireImporter() {
    if (!OrganisationAccess.mayImport(officials.current())) {
      throw new AccessDeniedException("organisation import");
    }
  }

  @ExceptionHandler(AccessDeniedException.class)
  ModelAndView refused() {
    return MessagePage.of(HttpStatus.FORBIDDEN, "无权查看", "组织机构只对组织管理员、系统管理员和区纪委监委开放；导入只对组织管理员和系统管理员开放。");
  }
}
