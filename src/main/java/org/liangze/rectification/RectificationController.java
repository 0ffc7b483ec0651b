package org.liangze.rectification;

import java.util.List;
import org.liangze.organisation.Officials;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A unit's rectifications over HTTP, for its own people and the district's supervisors. */
@RestController
@RequestMapping("/api")
class RectificationController {

  private final Rectifications rectifications;
  private final Officials officials;

  RectificationController(Rectifications rectifications, Officials officials) {
    this.rectifications = rectifications;
    this.officials = officials;
  }

  @GetMapping("/units/{unitCode}/rectifications")
  List<Rectification> rectifications(@PathVariable String unitCode) {
    return rectifications.visibleRectifications(officials.current(), unitCode);
  }
}
