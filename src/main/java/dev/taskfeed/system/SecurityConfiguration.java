package dev.taskfeed.system;

import java.io.IOException;

import dev.taskfeed.common.ApiAuthenticationEntryPoint;
import dev.taskfeed.common.DatabaseFailures;
import dev.taskfeed.common.ProblemResponses;
import dev.taskfeed.common.RequestGuardFilter;
import dev.taskfeed.common.SecurityHeaders;
import dev.taskfeed.common.RequestBodyLimitFilter;
import dev.taskfeed.user.ApiTokenAuthenticationFilter;
import dev.taskfeed.user.ApiTokenService;
import dev.taskfeed.user.SignInThrottle;
import dev.taskfeed.user.SignInThrottleFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Two filter chains: the REST API and the WebSocket handshake (Basic, Bearer token or an
 * existing session; 401, never a redirect), and the pages (form login, CSRF).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * Nothing is exported, so the filters are not wrapped in observations: that costs
	 * every request time.
	 */
	@Bean
	SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/**
	 * One CSRF token per browser, in an HttpOnly SameSite=Lax cookie; pages carry it in
	 * forms and meta tags.
	 */
	@Bean
	CsrfTokenRepository csrfTokenRepository() {
		CookieCsrfTokenRepository repository = new CookieCsrfTokenRepository();
		repository.setCookieName("TASKFEED-CSRF");
		// the header the pages' scripts and the feed's
		// CONNECT carry it in (README, ARCHITECTURE)
		repository.setHeaderName("X-CSRF-TOKEN");
		repository.setCookieCustomizer((cookie) -> cookie.httpOnly(true).sameSite("Lax").path("/"));
		return repository;
	}

	/**
	 * Resolves the page's CSRF token before the page is written, so its cookie goes out
	 * with the headers even when a long page has already started to stream.
	 */
	static final class CsrfCookieFilter extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String accept = request.getHeader("Accept");
			// pages only: a calendar client or a
			// script fetching a document gets no cookie
			if (accept != null && accept.contains("text/html")
					&& request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
				token.getToken();
			}
			chain.doFilter(request, response);
		}

	}

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokenService tokens, SignInThrottle throttle,
			CsrfTokenRepository csrfTokens) throws Exception {
		ApiAuthenticationEntryPoint entryPoint = new ApiAuthenticationEntryPoint();
		http.securityMatcher("/api/**", "/ws/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.POST, "/api/users")
				.permitAll()
				.anyRequest()
				.authenticated())
			.httpBasic((basic) -> basic.realmName("TaskFeed").authenticationEntryPoint(entryPoint))
			.addFilterBefore(new ApiTokenAuthenticationFilter(tokens, entryPoint), BasicAuthenticationFilter.class)
			.addFilterBefore(new SignInThrottleFilter(throttle), BasicAuthenticationFilter.class)
			// a browser's session is honoured, but the API never starts one
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			// JSON bodies and SameSite=Lax session cookies keep cross-site forms out;
			// the CSRF token stays loaded so the WebSocket
			// handshake can hand it to the STOMP CONNECT check
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens).ignoringRequestMatchers("/api/**"))
			.requestCache((cache) -> cache.disable())
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(entryPoint));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pageSecurity(HttpSecurity http, ObjectProvider<LogoutHandler> logoutHandlers,
			SignInThrottle throttle, CsrfTokenRepository csrfTokens) throws Exception {
		SavedPageCookie requestCache = new SavedPageCookie();
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/login", "/register", "/error", "/css/**", "/js/**", "/img/**", "/webjars/**",
					"/favicon.ico", "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
					"/swagger-ui/**", "/swagger-ui.html")
			.permitAll()
			// calendar URLs carry their own secret;
			// the AsyncAPI description is public like /v3/api-docs
			.requestMatchers("/calendar/*.ics", "/asyncapi.yaml")
			.permitAll()
			// an exposed actuator endpoint other than health needs a sign-in;
			// any other path under /actuator is simply not there
			// (404), not a reason to send anyone to the login page
			.requestMatchers(EndpointRequest.toAnyEndpoint().excludingLinks())
			.authenticated()
			.requestMatchers("/actuator/**")
			.permitAll()
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage("/login")
				.successHandler(new SameSiteReturn(requestCache))
				.failureHandler(new SignInFailureHandler())
				.permitAll())
			// to the sign-in page by its path alone: an absolute URL would be built from
			// the Host header, which the client can forge
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(signInPage()))
			.addFilterBefore(new SignInThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
			// what else a sign-out ends (the live feed closes that browser's connections)
			// comes from the features as LogoutHandler beans, so this wiring names none
			// of them
			.logout((logout) -> {
				logoutHandlers.orderedStream().forEach(logout::addLogoutHandler);
				logout.logoutSuccessUrl("/login?logout").permitAll();
			})
			// only a signed-in browser has a session:
			// the CSRF token of the sign-in and registration forms,
			// and the page to return to after signing in, live in cookies
			// the health endpoint and the calendar addresses take no form:
			// a POST there is a 405, not a missing CSRF token
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens)
				.ignoringRequestMatchers("/actuator/**", "/calendar/*.ics"))
			.addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class)
			.requestCache((cache) -> cache.requestCache(requestCache))
			.headers(
					(headers) -> headers
						.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
								new NegatedRequestMatcher(PathPatternRequestMatcher.pathPattern("/swagger-ui/**")),
								new StaticHeadersWriter("Content-Security-Policy",
										SecurityHeaders.CONTENT_SECURITY_POLICY)))
						.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
						.addHeaderWriter(
								new StaticHeadersWriter("Permissions-Policy", SecurityHeaders.PERMISSIONS_POLICY)));
		return http.build();
	}

	private static LoginUrlAuthenticationEntryPoint signInPage() {
		LoginUrlAuthenticationEntryPoint signInPage = new LoginUrlAuthenticationEntryPoint("/login");
		signInPage.setFavorRelativeUris(true);
		return signInPage;
	}

	/**
	 * Right after the character encoding filter (forms must be read as UTF-8), before
	 * sessions and security: unreadable input is refused here, and an unreachable
	 * database answers 503.
	 */
	@Bean
	FilterRegistrationBean<RequestGuardFilter> requestGuardFilter() {
		FilterRegistrationBean<RequestGuardFilter> registration = new FilterRegistrationBean<>(
				new RequestGuardFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	/**
	 * After signing in, back to the page asked for before, which a cookie remembers: only
	 * its path and query on this site, never another host (the cookie and the Host header
	 * it was built from are the client's to forge); otherwise the task list.
	 */
	static final class SameSiteReturn implements AuthenticationSuccessHandler {

		private final SavedPageCookie requestCache;

		SameSiteReturn(SavedPageCookie requestCache) {
			this.requestCache = requestCache;
		}

		@Override
		public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
				Authentication authentication) throws IOException {
			String target = SavedPageCookie.savedPath(request).orElse("/tasks");
			this.requestCache.removeRequest(request, response);
			response.sendRedirect(request.getContextPath() + target);
		}

	}

	/**
	 * Requests the firewall refuses (odd paths: //, ;, encoded dots) get a 400 in the
	 * usual form.
	 */
	@Bean
	RequestRejectedHandler requestRejectedHandler() {
		return (request, response, ex) -> ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST,
				"Bad Request", "The request's address is not one TaskFeed accepts.");
	}

	/**
	 * A wrong password goes back to the form; a sign-in that could not be checked is a
	 * 503.
	 */
	static final class SignInFailureHandler extends SimpleUrlAuthenticationFailureHandler {

		SignInFailureHandler() {
			super("/login?error");
			// the login page says what went wrong from its query;
			// no session just to carry the exception
			setAllowSessionCreation(false);
		}

		@Override
		public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
				AuthenticationException exception) throws IOException, ServletException {
			if (DatabaseFailures.isUnavailable(exception)) {
				ProblemResponses.serviceUnavailable(request, response);
				return;
			}
			super.onAuthenticationFailure(request, response, exception);
		}

	}

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter() {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter());
		registration.addUrlPatterns("/api/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
