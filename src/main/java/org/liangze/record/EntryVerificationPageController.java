package org.liangze.record;

import org.liangze.organisation.Official;
import org.liangze.organisation.Officials;
import org.liangze.platform.MessagePage;
import org.liangze.platform.Pages;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * One record entry's verification as a page: what the QR code on a printed responsibility letter opens. Whether the
 * entry is intact in its unit's chain, its hash, and the signed checkpoint that seals it.
 */
@Controller
class EntryVerificationPageController implements Pages {

  private final EntryVerifications verifications;
  private final Officials officials;

  EntryVerificationPageController(EntryVerifications verifications, Officials officials) {
    this.verifications = verifications;
    this.officials = officials;
  }

  @GetMapping("/pages/record/entries/{id}/verification")
  String verification(@PathVariable long id, Model model) {
    Official reader = officials.current();
    model.addAttribute("result", verifications.verify(reader, id));
    model.addAttribute("canWrite", false);
    return "record/entry-verification";
  }

  @ExceptionHandler(AccessDeniedException.class)
  ModelAndView refused() {
    return MessagePage.of(HttpStatus.FORBIDDEN, "无权查看该纪实记录",
        "纪实记录的核验只对本单位人员、上级单位的书记、纪检委员和班子成员以及区纪委监委开放。");
  }
}
