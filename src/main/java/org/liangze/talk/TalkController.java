package org.liangze.talk;

import java.net.URI;
import java.util.List;
import org.liangze.organisation.Officials;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Talks over HTTP. Starting one runs as the caller in the engine, so only those Camunda lets start it (the
 * discipline commission) can; a unit's talks are read by its own people and supervisors.
 */
@RestController
@RequestMapping("/api")
class TalkController {

  private final Talks talks;
  private final Officials officials;

  TalkController(Talks talks, Officials officials) {
    this.talks = talks;
    this.officials = officials;
  }

  @PostMapping("/talks")
  ResponseEntity<Talks.Started> start(@RequestBody Talks.StartRequest request) {
    Talks.Started started = talks.start(request);
    return ResponseEntity.created(URI.create("/api/talks/" + started.talkId())).body(started);
  }

  @GetMapping("/talks/{id}")
  Talk talk(@PathVariable long id) {
    return talks.visibleTalk(officials.current(), id);
  }

  @GetMapping("/units/{unitCode}/talks")
  List<Talk> talks(@PathVariable String unitCode) {
    return talks.visibleTalks(officials.current(), unitCode);
  }
}
