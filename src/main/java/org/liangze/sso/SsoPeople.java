package org.liangze.sso;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.liangze.organisation.LoginStatus;
import org.liangze.organisation.Person;
import org.liangze.organisation.PersonRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who the provider's user is on the platform: the person whose login is the login claim
 * ({@code preferred_username} by default), else the one person whose mobile number is the mobile claim
 * ({@code phone_number}); a Camunda user who is no person of the organisation (the administrator) by login only.
 * Someone who matches nobody, more than one person, or a person who has left, is refused
 * ({@link #UNKNOWN_PERSON}, {@link SsoRefusal} answers in Chinese): the provider's login alone gives no access.
 */
class SsoPeople implements OAuth2UserService<OidcUserRequest, OidcUser> {

  /** The refusal's error code: the provider's user is nobody on the platform. */
  static final String UNKNOWN_PERSON = "liangze_unknown_person";

  private static final Logger log = LoggerFactory.getLogger(SsoPeople.class);

  private final OidcUserService provider = new OidcUserService();
  private final SsoProperties properties;
  private final PersonRepository people;
  private final LoginStatus status;
  private final IdentityService identity;

  SsoPeople(SsoProperties properties, PersonRepository people, LoginStatus status, IdentityService identity) {
    this.properties = properties;
    this.people = people;
    this.status = status;
    this.identity = identity;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcUser user = provider.loadUser(request);
    String userId = match(user.getClaimAsString(properties.loginClaim()), verifiedMobile(user))
        .orElseThrow(() -> {
          log.warn("Single sign-on refused: the provider's user {} is no person of the platform", user.getSubject());
          return new OAuth2AuthenticationException(new OAuth2Error(UNKNOWN_PERSON,
              "The provider's user matches no person of the platform", null));
        });
    List<SimpleGrantedAuthority> groups = identity.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).map(SimpleGrantedAuthority::new).toList();
    log.info("Single sign-on: the provider's user {} is {}", user.getSubject(), userId);
    return new SsoPerson(userId, groups, user.getIdToken(), user.getUserInfo());
  }

  /** The mobile claim, if the provider says it verified the number (or the platform is told to trust it). */
  private String verifiedMobile(OidcUser user) {
    String mobile = user.getClaimAsString(properties.mobileClaim());
    String verifiedClaim = properties.mobileVerifiedClaim();
    if (mobile == null || verifiedClaim == null || verifiedClaim.isBlank()
        || Boolean.TRUE.equals(user.getClaimAsBoolean(verifiedClaim))) {
      return mobile;
    }
    log.warn("Single sign-on: the provider's user {} has an unverified mobile number; not matched by it",
        user.getSubject());
    return null;
  }

  /** The platform's login of the person with this login or, failing that, this mobile number. */
  Optional<String> match(String login, String mobile) {
    if (login != null && !login.isBlank()) {
      Optional<String> person = people.find(login).map(Person::userId);
      if (person.isPresent()) {
        return person;
      }
      // a Camunda user who is not in the organisation's list (the administrator), unless they have left
      if (identity.createUserQuery().userId(login).count() == 1 && status.of(login) != LoginStatus.Status.LEFT) {
        return Optional.of(login);
      }
    }
    if (mobile != null && !mobile.isBlank()) {
      List<Person> holders = people.findByMobile(mobile);
      if (holders.size() == 1) {
        return Optional.of(holders.get(0).userId());
      }
      if (holders.size() > 1) {
        log.warn("Single sign-on: a mobile number is held by {} people; matched none", holders.size());
      }
    }
    return Optional.empty();
  }
}
