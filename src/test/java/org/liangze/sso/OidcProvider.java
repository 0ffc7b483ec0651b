package org.liangze.sso;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.MapPropertySource;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * A real OpenID Connect provider for the single sign-on tests: Spring Authorization Server in a Spring context of
 * its own, on a random port of this machine, with its login form, discovery, tokens, user info and RP-initiated
 * logout. It knows the platform as one confidential client and a few accounts, each with the claims its ID token
 * and user info carry ({@code preferred_username}, {@code phone_number}). Reached as {@code localhost}, while the
 * platform is reached as {@code 127.0.0.1}: the provider refuses {@code localhost} redirect URIs, and the two hosts
 * keep the browser's cookies apart.
 */
final class OidcProvider implements AutoCloseable {

  static final String CLIENT_ID = "liangze-platform";
  static final String CLIENT_SECRET = "test-client-secret";
  private static final String CLIENT = "liangze";

  /** An account of the provider: login form credentials and the claims about its user. */
  record Account(String username, String password, Map<String, Object> claims) {
  }

  private final ConfigurableApplicationContext context;
  private final String issuer;

  private OidcProvider(ConfigurableApplicationContext context) {
    this.context = context;
    this.issuer = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** Starts the provider with these accounts. */
  static OidcProvider start(List<Account> accounts) {
    // a bare web application context, not a SpringApplication: none of the platform's environment post-processors
    // and listeners (spring.factories), no logging set up anew
    AnnotationConfigServletWebServerApplicationContext context = new AnnotationConfigServletWebServerApplicationContext();
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("oidc-provider", Map.of(
        "server.port", "0", "server.servlet.session.cookie.name", "PROVIDER_SESSION")));
    context.registerBean(Accounts.class, () -> new Accounts(accounts));
    context.register(Server.class);
    context.refresh();
    return new OidcProvider(context);
  }

  String issuer() {
    return issuer;
  }

  /**
   * Lets the platform at this address log people in and out: its callback and its page after logout become the
   * client's registered redirect URIs.
   */
  void allow(String platform) {
    RegisteredClientRepository clients = context.getBean(RegisteredClientRepository.class);
    clients.save(RegisteredClient.from(clients.findById(CLIENT))
        .redirectUris(uris -> {
          uris.clear();
          uris.add(platform + "/login/oauth2/code/" + SsoProperties.REGISTRATION);
        })
        .postLogoutRedirectUris(uris -> {
          uris.clear();
          uris.add(platform + SsoLoginSuccess.TASKLIST);
        })
        .build());
  }

  @Override
  public void close() {
    context.close();
  }

  record Accounts(List<Account> list) {

    Map<String, Object> claimsOf(String username) {
      return list.stream().filter(account -> account.username().equals(username)).findFirst()
          .map(Account::claims).orElse(Map.of());
    }
  }

  /** A test configuration, so the platform's own contexts, which scan this package, leave it out. */
  @TestConfiguration(proxyBeanMethods = false)
  @EnableWebSecurity
  @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class})
  static class Server {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
      OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
      return http.securityMatcher(server.getEndpointsMatcher())
          .with(server, configurer -> configurer.oidc(Customizer.withDefaults()))
          .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
          .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(
              new LoginUrlAuthenticationEntryPoint("/login")))
          // the user info endpoint takes the access token
          .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
          .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain loginForm(HttpSecurity http) throws Exception {
      return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
          .formLogin(Customizer.withDefaults())
          .build();
    }

    @Bean
    UserDetailsService users(Accounts accounts) {
      return new InMemoryUserDetailsManager(accounts.list().stream()
          .map(account -> User.withUsername(account.username()).password("{noop}" + account.password())
              .roles("USER").build())
          .toList());
    }

    @Bean
    RegisteredClientRepository clients() {
      return new InMemoryRegisteredClientRepository(RegisteredClient.withId(CLIENT)
          .clientId(CLIENT_ID)
          .clientSecret("{noop}" + CLIENT_SECRET)
          .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
          .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
          .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
          // replaced by allow() once the platform's port is known
          .redirectUri("http://127.0.0.1/login/oauth2/code/" + SsoProperties.REGISTRATION)
          .postLogoutRedirectUri("http://127.0.0.1/")
          .scope(OidcScopes.OPENID)
          .scope(OidcScopes.PROFILE)
          .scope(OidcScopes.PHONE)
          .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
          .build());
    }

    /** The ID token carries the account's claims; the user info endpoint answers them by scope. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> claims(Accounts accounts) {
      return context -> {
        if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
          accounts.claimsOf(context.getPrincipal().getName()).forEach(context.getClaims()::claim);
        }
      };
    }

    @Bean
    JWKSource<SecurityContext> keys() throws Exception {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      var pair = generator.generateKeyPair();
      RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
          .keyID(UUID.randomUUID().toString()).build();
      return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
      return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
      return AuthorizationServerSettings.builder().build();
    }
  }
}
