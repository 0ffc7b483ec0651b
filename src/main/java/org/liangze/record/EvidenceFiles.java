package org.liangze.record;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.tika.Tika;
import org.liangze.organisation.Official;
import org.liangze.platform.InvalidInputException;
import org.liangze.platform.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Evidence files: stored once by the SM3 hash of their content, so the same file attached again is reused, and
 * the same file attached by two different units is noticed. Every upload is tied to the uploader's units, and a
 * unit attaches only files it uploaded itself: knowing another unit's file number gives no access to the file. The type is detected from the content by Apache Tika,
 * so a renamed file is refused for what it is, not accepted for what its name claims.
 */
@Service
public class EvidenceFiles {

  /** Office formats are ZIP or OLE containers: their content says only "container", their name says which. */
  private static final Set<String> CONTAINERS = Set.of("application/zip", "application/x-tika-ooxml",
      "application/x-tika-msoffice");
  private static final Pattern UNSAFE_NAME = Pattern.compile("[/\\\\\\x00-\\x1f\\x7f]|^\\.|\\.\\.");
  static final int MAX_NAME = 200;
  /** How many of a unit's files are offered for reuse: the newest; older ones stay citable by their number. */
  static final int MAX_LISTED = 200;

  private final EvidenceRepository repository;
  private final EvidenceProperties properties;
  private final Clock clock;
  private final Tika tika = new Tika();

  EvidenceFiles(EvidenceRepository repository, EvidenceProperties properties, Clock clock) {
    this.repository = repository;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Checks and stores an uploaded file for the uploader's units; returns its description (the existing one if it
   * was stored before).
   */
  @Transactional
  public EvidenceFile store(String originalName, byte[] content, String uploadedBy, Collection<String> unitCodes) {
    return store(originalName, content, uploadedBy, unitCodes, type -> true, null);
  }

  /**
   * As {@link #store(String, byte[], String, Collection)}, for a use that takes only some of the allowed types (a
   * scanned letter: PDF or an image): a file of another type, or of one not allowed at all, is refused with
   * {@code refusal} (null: the general refusal), nothing stored.
   */
  @Transactional
  public EvidenceFile store(String originalName, byte[] content, String uploadedBy, Collection<String> unitCodes,
      java.util.function.Predicate<String> acceptedType, String refusal) {
    String name = checkName(originalName);
    if (content == null || content.length == 0) {
      throw new InvalidInputException("文件为空，请重新选择");
    }
    if (content.length > properties.maxSize().toBytes()) {
      throw new InvalidInputException("文件超过大小限制（" + sizeLabel(properties.maxSize().toBytes()) + "），请压缩后重新上传");
    }
    String mediaType = refusal == null ? detect(name, content) : detectType(name, content);
    if (refusal != null && !(acceptedType.test(mediaType) && properties.allowedTypes().contains(mediaType))) {
      throw new InvalidInputException(refusal);
    }
    String hash = RecordHashing.contentHash(content);
    EvidenceFile stored = repository.find(hash).orElseGet(() -> {
      EvidenceFile file = new EvidenceFile(hash, RecordHashing.CURRENT, content.length, mediaType, name,
          uploadedBy, clock.instant().truncatedTo(ChronoUnit.MICROS));
      repository.insert(file, content);
      return file;
    });
    unitCodes.forEach(unitCode -> repository.recordUpload(hash, unitCode, name, clock.instant()));
    return stored;
  }

  public EvidenceFile describe(String hash) {
    return repository.find(hash).orElseThrow(() -> new NotFoundException("佐证材料不存在"));
  }

  /**
   * The files the unit uploaded, newest first, with when the unit first uploaded them: what its people may cite
   * (the record page offers them for reuse, the self-check form as a checklist).
   */
  public List<EvidenceFile> uploadedBy(String unitCode) {
    return repository.uploadedBy(unitCode, MAX_LISTED);
  }

  /**
   * Descriptions of the files by hash, for those that exist, named as the unit named them when it uploaded them
   * (the same content uploaded by another unit first keeps that unit's name to itself).
   */
  public Map<String, EvidenceFile> describeAll(Collection<String> hashes, String unitCode) {
    Map<String, EvidenceFile> found = new java.util.HashMap<>();
    repository.findAll(Set.copyOf(hashes), unitCode).forEach(file -> found.put(file.contentHash(), file));
    return found;
  }

  /** A file's content, for its uploader, the units that uploaded or attached it, and supervisors. */
  public byte[] content(Official official, String hash) {
    EvidenceFile file = describe(hash);
    if (!official.districtWide() && !official.userId().equals(file.uploadedBy())
        && repository.unitsUploading(hash).stream().noneMatch(official::canSee)
        && repository.unitsUsing(hash).stream().noneMatch(official::canSee)) {
      throw new AccessDeniedException("Evidence " + hash + " belongs to other units");
    }
    return repository.content(hash).orElseThrow();
  }

  /** Refuses hashes of files that were never uploaded, or not uploaded by this unit. */
  void requireUploadedBy(List<String> hashes, String unitCode) {
    if (hashes.isEmpty()) {
      return;
    }
    if (repository.countExisting(hashes) != hashes.size()) {
      throw new InvalidInputException("引用的佐证材料不存在，请先上传");
    }
    if (repository.countUploadedBy(hashes, unitCode) != hashes.size()) {
      throw new InvalidInputException("只能引用本单位上传的佐证材料，请先以本单位身份上传该文件");
    }
  }

  /**
   * Attaches already uploaded files to a unit's work (a self-check item, a rectification report): refuses hashes of
   * files the unit did not upload and notes the unit's use, so the same file used by two units is flagged.
   */
  @Transactional
  public void attach(List<String> hashes, String unitCode) {
    requireUploadedBy(hashes, unitCode);
    recordUse(hashes, unitCode);
  }

  void recordUse(List<String> hashes, String unitCode) {
    hashes.forEach(hash -> repository.recordUse(hash, unitCode, clock.instant()));
  }

  /** This unit's files that other units attached too: the same evidence reused across units is flagged. */
  public Map<String, List<String>> sharedWithOtherUnits(String unitCode) {
    return repository.sharedWithOtherUnits(unitCode);
  }

  /** "20 MB", "64 KB", "1.5 MB": a size as people read it. */
  public static String sizeLabel(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return Math.round(bytes / 1024.0) + " KB";
    }
    return (bytes % (1024 * 1024) == 0 ? String.valueOf(bytes / (1024 * 1024))
        : String.format("%.1f", bytes / (1024.0 * 1024.0))) + " MB";
  }

  private String detectType(String name, byte[] content) {
    String byContent = tika.detect(content);
    return CONTAINERS.contains(byContent) ? tika.detect(content, name) : byContent;
  }

  private String detect(String name, byte[] content) {
    String type = detectType(name, content);
    if (!properties.allowedTypes().contains(type)) {
      throw new InvalidInputException("不支持的文件类型（" + type + "），请上传 PDF、图片或 Office 文档");
    }
    return type;
  }

  private static String checkName(String name) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME || UNSAFE_NAME.matcher(name).find()) {
      throw new InvalidInputException("文件名不合法");
    }
    return name.strip();
  }
}
