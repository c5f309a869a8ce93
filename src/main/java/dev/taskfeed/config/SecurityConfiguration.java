package dev.taskfeed.config;

import dev.taskfeed.common.ApiAuthenticationEntryPoint;
import dev.taskfeed.common.RequestBodyLimitFilter;
import dev.taskfeed.task.feed.FeedCredentials;
import dev.taskfeed.user.ApiTokenAuthenticationFilter;
import dev.taskfeed.user.ApiTokenService;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Two filter chains: the REST API and the WebSocket handshake (Basic, Bearer token or an
 * existing session; 401, never a redirect), and the pages (form login, CSRF).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/** Nothing is exported, so the filters are not wrapped in observations: that costs every request time. */
	@Bean
	SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokenService tokens, JsonMapper json) throws Exception {
		ApiAuthenticationEntryPoint entryPoint = new ApiAuthenticationEntryPoint(json);
		http.securityMatcher("/api/**", "/ws/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.POST, "/api/users")
				.permitAll()
				.anyRequest()
				.authenticated())
			.httpBasic((basic) -> basic.realmName("TaskFeed").authenticationEntryPoint(entryPoint))
			.addFilterBefore(new ApiTokenAuthenticationFilter(tokens, entryPoint), BasicAuthenticationFilter.class)
			// a browser's session is honoured, but the API never starts one
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			// JSON bodies and SameSite=Lax session cookies keep cross-site forms out; the CSRF token
			// stays loaded so the WebSocket handshake can hand it to the STOMP CONNECT check
			.csrf((csrf) -> csrf.ignoringRequestMatchers("/api/**"))
			.requestCache((cache) -> cache.disable())
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(entryPoint));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pageSecurity(HttpSecurity http, FeedCredentials feedCredentials) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/login", "/register", "/error", "/css/**", "/js/**", "/img/**", "/webjars/**",
					"/favicon.ico", "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
					"/swagger-ui/**", "/swagger-ui.html")
			.permitAll()
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/tasks").permitAll())
			// signing out also closes this browser's live feed connections
			.logout((logout) -> logout.addLogoutHandler(feedCredentials).logoutSuccessUrl("/login?logout").permitAll());
		return http.build();
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
