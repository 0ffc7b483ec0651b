package org.liangze.organisation;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call each mapping of the platform's API ({@code /api/**}) and pages ({@code /pages/**}): one line per
 * mapping, in the one place the platform decides access by path. The platform's security chain asks this policy for
 * every request; a request no line matches is refused (403), so a new endpoint is closed until it is declared, and
 * {@code ApiAccessPolicyTest} fails for every mapping of the application without a line here.
 *
 * <p>To add an endpoint, add one line to {@link #RULES}: {@code get("/api/things/{id}", SIGNED_IN)}. The path is
 * the mapping's pattern exactly as Spring MVC has it, {@code {unitCode}} included. What the path cannot tell (whose
 * letter {@code /api/letters/{id}} is) stays with the feature's service, which checks the record's unit; engine
 * actions are further checked by Camunda's authorizations ({@code *Grants}).
 */
@Component
public class ApiAccessPolicy implements AuthorizationManager<RequestAuthorizationContext> {

  /** Who a line lets in: the caller, and the variables of the matched path. */
  public record Who(String description, BiPredicate<Official, Map<String, String>> admits) {

    @Override
    public String toString() {
      return description;
    }
  }

  /** Anyone logged in; the feature shows them only what they may see (filtered, or checked on the record's unit). */
  public static final Who SIGNED_IN = new Who("anyone logged in", (caller, path) -> true);
  /** The district's posts: the discipline commission, the district committee, administrators. */
  public static final Who DISTRICT = new Who("district posts", (caller, path) -> caller.districtWide());
  public static final Who COMMISSION = new Who("discipline commission",
      (caller, path) -> caller.isMemberOf(Groups.DISCIPLINE_COMMISSION) || caller.isMemberOf(Groups.ADMINISTRATORS));
  /** The discipline commission's own people, administrators not included (signed checkpoints of the record). */
  public static final Who COMMISSION_ONLY = new Who("discipline commission only",
      (caller, path) -> caller.isMemberOf(Groups.DISCIPLINE_COMMISSION));
  public static final Who COMMITTEE = new Who("district committee",
      (caller, path) -> caller.isMemberOf(Groups.DISTRICT_COMMITTEE) || caller.isMemberOf(Groups.ADMINISTRATORS));
  /** People of at least one unit. */
  public static final Who UNIT_PEOPLE = new Who("a unit's people", (caller, path) -> !caller.unitCodes().isEmpty());
  public static final Who UNIT_PEOPLE_OR_DISTRICT = new Who("a unit's people or district posts",
      (caller, path) -> caller.districtWide() || !caller.unitCodes().isEmpty());
  /** The commission, or a unit's secretary (the list-formulation starters, see {@code ListGrants}). */
  public static final Who COMMISSION_OR_SECRETARY = new Who("discipline commission or a unit secretary",
      (caller, path) -> COMMISSION.admits().test(caller, path) || caller.groupIds().stream()
          .anyMatch(group -> Groups.unitOf(group).filter(unit -> group.equals(Groups.of(Role.SECRETARY, unit)))
              .isPresent()));
  /**
   * The people of the unit in the path's {@code {unitCode}}, the leading posts of its parent unit (level by level:
   * {@link Official#supervisedUnits()}), and the district's posts. Siblings are not admitted.
   */
  public static final Who UNIT_OR_DISTRICT = new Who("people of {unitCode}, its parent's leading posts or district posts",
      (caller, path) -> caller.canSee(path.get("unitCode")));
  /** Only the people of the unit in the path's {@code {unitCode}}: supervisors read a unit's work, never write it. */
  public static final Who UNIT_MEMBER = new Who("people of {unitCode}",
      (caller, path) -> caller.unitCodes().contains(path.get("unitCode")));

  /** 组织管理员 and administrators: they load the organisation (the import, its history, the first passwords). */
  public static final Who ORGANISATION_ADMINS = new Who("organisation administrators",
      (caller, path) -> caller.isMemberOf(Groups.ORGANISATION_ADMINS) || caller.isMemberOf(Groups.ADMINISTRATORS));
  /** Those who read the district tree: 组织管理员, administrators and the discipline commission. */
  public static final Who ORGANISATION_READERS = new Who("organisation administrators or discipline commission",
      (caller, path) -> ORGANISATION_ADMINS.admits().test(caller, path)
          || caller.isMemberOf(Groups.DISCIPLINE_COMMISSION));
  /** The people of the unit in the path's {@code {unitCode}}, the district's posts, and 组织管理员. */
  public static final Who UNIT_OR_DISTRICT_OR_ORGANISATION_ADMINS = new Who(
      "people of {unitCode}, district posts or organisation administrators",
      (caller, path) -> UNIT_OR_DISTRICT.admits().test(caller, path)
          || ORGANISATION_ADMINS.admits().test(caller, path));

  /** One mapping and who may call it. */
  public record Rule(HttpMethod method, PathPattern pattern, Who who) {

    @Override
    public String toString() {
      return method + " " + pattern + " -> " + who;
    }
  }

  static final List<Rule> RULES = List.of(
      // organisation
      get("/api/me", SIGNED_IN),
      get("/api/units", SIGNED_IN),
      get("/api/units/{unitCode}", UNIT_OR_DISTRICT_OR_ORGANISATION_ADMINS),
      // the organisation import (imports) and the district tree
      get("/api/organisation/template.xlsx", ORGANISATION_ADMINS),
      post("/api/organisation/imports", ORGANISATION_ADMINS),
      get("/api/organisation/imports", ORGANISATION_ADMINS),
      get("/api/organisation/imports/{id}", ORGANISATION_ADMINS),
      get("/api/organisation/first-passwords/{token}.xlsx", ORGANISATION_ADMINS),
      get("/pages/organisation", ORGANISATION_READERS),
      get("/pages/organisation/import", ORGANISATION_ADMINS),
      get("/pages/organisation/imports", ORGANISATION_ADMINS),
      get("/pages/organisation/imports/{id}", ORGANISATION_ADMINS),
      // first passwords: the page checks login and current password itself (permitted in SecurityConfig); an
      // administrator or 组织管理员 resets one
      get("/pages/password", SIGNED_IN),
      post("/pages/password", SIGNED_IN),
      post("/api/people/{id}/password-reset", ORGANISATION_ADMINS),
      // lists
      post("/api/list-formulations", COMMISSION_OR_SECRETARY),
      get("/api/lists/{id}", SIGNED_IN),
      get("/pages/lists/{id}", SIGNED_IN),
      get("/api/units/{unitCode}/effective-list", UNIT_OR_DISTRICT),
      get("/api/common-lists", SIGNED_IN),
      get("/api/my-list-items", SIGNED_IN),
      put("/api/units/{unitCode}/common-list-responsibles", UNIT_MEMBER),
      post("/api/common-lists", COMMISSION),
      // letters
      post("/api/letter-campaigns", COMMITTEE),
      get("/api/letter-campaigns/{year}", SIGNED_IN),
      get("/api/letters", SIGNED_IN),
      get("/api/letters/{id}", SIGNED_IN),
      get("/api/letters/{id}/document", SIGNED_IN),
      get("/api/letters/{id}/document.pdf", SIGNED_IN),
      post("/api/letters/{id}/paper-copy", UNIT_PEOPLE),
      get("/pages/letters", SIGNED_IN),
      get("/pages/letters/{id}", SIGNED_IN),
      // self-checks and rectifications
      post("/api/self-check-campaigns", COMMISSION),
      get("/api/self-check-campaigns/{quarter}", SIGNED_IN),
      get("/api/units/{unitCode}/self-checks", UNIT_OR_DISTRICT),
      get("/pages/units/{unitCode}/self-checks", UNIT_OR_DISTRICT),
      get("/api/units/{unitCode}/rectifications", UNIT_OR_DISTRICT),
      // the rectification ledger (整改台账) and inspection findings (巡察反馈)
      get("/api/units/{unitCode}/rectification-ledger", UNIT_OR_DISTRICT),
      get("/api/units/{unitCode}/rectification-ledger.xlsx", UNIT_OR_DISTRICT),
      get("/api/rectification-ledger", DISTRICT),
      get("/api/rectification-ledger.xlsx", DISTRICT),
      post("/api/units/{unitCode}/inspection-findings", COMMISSION),
      get("/pages/units/{unitCode}/rectification-ledger", UNIT_OR_DISTRICT),
      get("/pages/rectification-ledger", DISTRICT),
      // record manual and evidence
      get("/api/units/{unitCode}/record", UNIT_OR_DISTRICT),
      post("/api/units/{unitCode}/record", UNIT_MEMBER),
      get("/api/units/{unitCode}/record/verification", UNIT_OR_DISTRICT),
      get("/api/units/{unitCode}/record/flags", UNIT_OR_DISTRICT),
      get("/api/units/{unitCode}/record/export.xlsx", UNIT_OR_DISTRICT),
      get("/api/units/{unitCode}/record/export.pdf", UNIT_OR_DISTRICT),
      get("/pages/units/{unitCode}/record", UNIT_OR_DISTRICT),
      get("/pages/units/{unitCode}/record/new", UNIT_MEMBER),
      get("/pages/units/{unitCode}/list", UNIT_OR_DISTRICT),
      get("/pages/units/{unitCode}/supervisory-list", UNIT_OR_DISTRICT),
      get("/api/record/verification", DISTRICT),
      post("/api/record/checkpoints", COMMISSION_ONLY),
      get("/api/record/checkpoints", DISTRICT),
      get("/api/record/checkpoints/latest", DISTRICT),
      get("/api/record/checkpoints/verification", DISTRICT),
      get("/api/record/checkpoints/{id}", DISTRICT),
      get("/api/record/checkpoints/{id}/receipt.json", DISTRICT),
      get("/api/record/checkpoints/{id}/receipt.pdf", DISTRICT),
      get("/api/record/checkpoints/public-key", SIGNED_IN),
      get("/pages/record/checkpoints", SIGNED_IN),
      get("/pages/record/entries/{id}/verification", SIGNED_IN),
      post("/api/evidence", UNIT_PEOPLE),
      get("/api/evidence/{hash}", SIGNED_IN),
      // talks, accountability, half-year reports
      post("/api/talks", COMMISSION),
      post("/api/duty-reports", COMMISSION),
      get("/api/talks/{id}", SIGNED_IN),
      get("/api/units/{unitCode}/talks", UNIT_OR_DISTRICT),
      post("/api/accountability-cases", COMMISSION),
      get("/api/accountability-cases/{id}", DISTRICT),
      get("/api/accountability-cases/{id}/decision.pdf", UNIT_PEOPLE_OR_DISTRICT),
      get("/api/public-notifications", SIGNED_IN),
      get("/pages/notifications", SIGNED_IN),
      // the notification centre: the district's posts read all, everyone else their own (NotificationCentre)
      get("/api/notifications", SIGNED_IN),
      get("/pages/notification-centre", SIGNED_IN),
      // each person's channels and quiet hours; units' group robots (notification.NotificationPreferences)
      get("/pages/notification-settings", SIGNED_IN),
      post("/pages/notification-settings", SIGNED_IN),
      get("/pages/notification-robots", ORGANISATION_ADMINS),
      post("/pages/notification-robots", ORGANISATION_ADMINS),
      post("/pages/notification-robots/delete", ORGANISATION_ADMINS),
      post("/api/half-year-reports", COMMISSION),
      get("/api/units/{unitCode}/half-year-reports/{period}", UNIT_OR_DISTRICT),
      get("/api/half-year-reports/{period}/summary", DISTRICT),
      // overdue work and the dashboard
      get("/api/overdue", UNIT_PEOPLE_OR_DISTRICT),
      get("/api/overdue/units/{unitCode}/tasks", UNIT_OR_DISTRICT),
      get("/api/dashboard", SIGNED_IN),
      get("/api/dashboard/units/{unitCode}", UNIT_OR_DISTRICT),
      get("/api/dashboard/units/{unitCode}/accountability", UNIT_OR_DISTRICT),
      get("/api/dashboard/ranking", SIGNED_IN),
      get("/api/dashboard/ranking.xlsx", SIGNED_IN),
      get("/api/dashboard/ranking.pdf", SIGNED_IN),
      get("/pages/dashboard", SIGNED_IN),
      get("/pages/guidebook", SIGNED_IN),
      // 我的待办 on a phone (mytasks): only the caller's own tasks, and the engine's authorizations decide
      get("/pages/tasks", SIGNED_IN),
      get("/pages/tasks/{id}", SIGNED_IN),
      post("/pages/tasks/{id}", SIGNED_IN));

  /** Most specific pattern first, as Spring MVC chooses between patterns that match the same path. */
  private static final List<Rule> BY_SPECIFICITY = RULES.stream()
      .sorted(Comparator.comparing(Rule::pattern, PathPattern.SPECIFICITY_COMPARATOR))
      .toList();

  public static List<Rule> rules() {
    return RULES;
  }

  @Override
  public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
    Authentication caller = authentication.get();
    if (caller == null || !caller.isAuthenticated() || caller instanceof AnonymousAuthenticationToken) {
      return new AuthorizationDecision(false);
    }
    Official official = Official.of(caller.getName(),
        caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
    return new AuthorizationDecision(decide(official, context.getRequest()));
  }

  /** Whether the caller may make this request: the most specific line for its method and path says. */
  static boolean decide(Official caller, HttpServletRequest request) {
    HttpMethod method = HttpMethod.valueOf(request.getMethod());
    // Spring MVC answers HEAD with the GET mapping
    HttpMethod mapped = HttpMethod.HEAD.equals(method) ? HttpMethod.GET : method;
    PathContainer path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
    return ruleFor(mapped, path)
        .map(match -> match.rule().who().admits().test(caller, match.variables()))
        .orElse(false);
  }

  record Match(Rule rule, Map<String, String> variables) {
  }

  static Optional<Match> ruleFor(HttpMethod method, PathContainer path) {
    for (Rule rule : BY_SPECIFICITY) {
      if (rule.method().equals(method)) {
        PathPattern.PathMatchInfo info = rule.pattern().matchAndExtract(path);
        if (info != null) {
          return Optional.of(new Match(rule, info.getUriVariables()));
        }
      }
    }
    return Optional.empty();
  }

  private static Rule get(String pattern, Who who) {
    return rule(HttpMethod.GET, pattern, who);
  }

  private static Rule post(String pattern, Who who) {
    return rule(HttpMethod.POST, pattern, who);
  }

  private static Rule put(String pattern, Who who) {
    return rule(HttpMethod.PUT, pattern, who);
  }

  private static Rule delete(String pattern, Who who) {
    return rule(HttpMethod.DELETE, pattern, who);
  }

  private static Rule patch(String pattern, Who who) {
    return rule(HttpMethod.PATCH, pattern, who);
  }

  private static Rule rule(HttpMethod method, String pattern, Who who) {
    return new Rule(method, PathPatternParser.defaultInstance.parse(pattern), who);
  }
}
