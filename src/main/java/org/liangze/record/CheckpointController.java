package org.liangze.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.liangze.organisation.Official;
import org.liangze.organisation.Officials;
import org.liangze.platform.NotFoundException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signed checkpoints over HTTP. The discipline commission makes one on demand; district supervisors (commission,
 * committee, administrators) read them, download receipts and verify them; the public key is for everyone logged in.
 * Who may call what is declared in {@code ApiAccessPolicy}.
 */
@RestController
@RequestMapping("/api/record/checkpoints")
class CheckpointController {

  private final Checkpoints checkpoints;
  private final CheckpointVerifier verifier;
  private final ReceiptPdf pdf;
  private final Officials officials;
  private final Clock clock;
  private final ObjectMapper receiptJson;

  CheckpointController(Checkpoints checkpoints, CheckpointVerifier verifier, ReceiptPdf pdf, Officials officials,
      Clock clock, ObjectMapper json) {
    this.checkpoints = checkpoints;
    this.verifier = verifier;
    this.pdf = pdf;
    this.officials = officials;
    this.clock = clock;
    this.receiptJson = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
  }

  @PostMapping
  ResponseEntity<Checkpoint> make() {
    Official official = officials.current();
    Checkpoint made = checkpoints.make(official.userId());
    return ResponseEntity.created(URI.create("/api/record/checkpoints/" + made.seq())).body(made);
  }

  @GetMapping
  List<Checkpoint> list() {
    return checkpoints.list();
  }

  @GetMapping("/latest")
  Checkpoint latest() {
    return checkpoints.latest().orElseThrow(() -> new NotFoundException("尚无签名检查点"));
  }

  @GetMapping("/{id}")
  Checkpoint one(@PathVariable("id") long seq) {
    return checkpoints.find(seq);
  }

  @GetMapping("/{id}/receipt.json")
  ResponseEntity<byte[]> receiptJson(@PathVariable("id") long seq) throws Exception {
    byte[] body = receiptJson.writeValueAsBytes(checkpoints.receipt(seq));
    return download("checkpoint-" + seq + ".json", MediaType.APPLICATION_JSON, body);
  }

  @GetMapping("/{id}/receipt.pdf")
  ResponseEntity<byte[]> receiptPdf(@PathVariable("id") long seq) {
    return download("checkpoint-" + seq + ".pdf", MediaType.APPLICATION_PDF,
        pdf.write(checkpoints.receipt(seq), clock.getZone()));
  }

  @GetMapping("/verification")
  CheckpointVerifier.Report verification() {
    return verifier.verifyAll();
  }

  /** The signing key's public part (PEM): public by nature, for the go-live steps and offline verification. */
  @GetMapping(path = "/public-key", produces = MediaType.TEXT_PLAIN_VALUE)
  String publicKey() {
    return checkpoints.publicKeyPem().orElseThrow(() -> new NotFoundException("未配置检查点签名密钥"));
  }

  private static ResponseEntity<byte[]> download(String name, MediaType type, byte[] body) {
    return ResponseEntity.ok().contentType(type)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
        .body(body);
  }
}
