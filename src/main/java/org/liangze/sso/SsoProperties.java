package org.liangze.sso;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Single sign-on through the government's unified identity service (统一身份认证), an OpenID Connect provider.
 * Off by default; with it off the platform's own passwords are the only login.
 *
 * @param enabled whether the webapps, {@code /pages} and {@code /api} take the provider's login
 * @param issuerUri the provider's issuer; its discovery document ({@code /.well-known/openid-configuration}) is read at
 *     startup
 * @param clientId the platform's client id at the provider
 * @param clientSecret the platform's client secret at the provider (no default: from the environment only)
 * @param scopes what the platform asks for: {@code openid} and the scopes carrying the claims below
 * @param loginClaim the claim holding a person's login on the platform (their Camunda user id)
 * @param mobileClaim the claim holding a person's mobile number, matched when the login claim matches nobody
 * @param mobileVerifiedClaim the claim saying the provider verified that number ({@code phone_number_verified}, OIDC
 *     Core 5.1); the number is matched only when it is {@code true}, since many providers let people type their own;
 *     blank: the provider's mobile claim is trusted as it is
 */
@ConfigurationProperties("liangze.sso")
public record SsoProperties(boolean enabled, String issuerUri, String clientId, String clientSecret,
    @DefaultValue({"openid", "profile", "phone"}) List<String> scopes,
    @DefaultValue("preferred_username") String loginClaim, @DefaultValue("phone_number") String mobileClaim,
    @DefaultValue("phone_number_verified") String mobileVerifiedClaim) {

  /** The provider's registration id: the callback is {@code /login/oauth2/code/liangze}. */
  public static final String REGISTRATION = "liangze";
  /** Where a browser goes to log in: Spring Security redirects from here to the provider. */
  public static final String LOGIN = "/oauth2/authorization/" + REGISTRATION;
  /** Logging out: the platform's session, then the provider's (RP-initiated logout). */
  public static final String LOGOUT = "/sso/logout";

  /** Refuses to start with single sign-on on and the provider's address or the client's credentials missing. */
  void check() {
    List<String> missing = new ArrayList<>();
    if (blank(issuerUri)) {
      missing.add("LIANGZE_SSO_ISSUER_URI");
    }
    if (blank(clientId)) {
      missing.add("LIANGZE_SSO_CLIENT_ID");
    }
    if (blank(clientSecret)) {
      missing.add("LIANGZE_SSO_CLIENT_SECRET");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("Single sign-on is enabled (LIANGZE_SSO_ENABLED) but " + missing
          + " is not set");
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
