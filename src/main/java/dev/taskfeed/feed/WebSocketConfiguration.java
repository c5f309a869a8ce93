package dev.taskfeed.feed;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import dev.taskfeed.feed.CsrfOnConnectInterceptor;
import dev.taskfeed.feed.FeedCredentials;
import dev.taskfeed.feed.OpenFeedSessions;
import dev.taskfeed.common.ProblemResponses;
import dev.taskfeed.project.ProjectService;
import dev.taskfeed.task.TaskService;
import dev.taskfeed.user.ApiTokenCredential;
import dev.taskfeed.user.TaskFeedPrincipal;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.simp.config.StompBrokerRelayRegistration;
import org.springframework.messaging.simp.stomp.StompReactorNettyCodec;
import org.springframework.messaging.tcp.reactor.ReactorNettyTcpClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.messaging.access.intercept.AuthorizationChannelInterceptor;
import org.springframework.security.messaging.access.intercept.MessageMatcherDelegatingAuthorizationManager;
import org.springframework.security.messaging.context.SecurityContextChannelInterceptor;
import org.springframework.security.messaging.web.socket.server.CsrfTokenHandshakeInterceptor;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.util.WebUtils;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * STOMP 1.2 over a plain WebSocket at {@code /ws}. The handshake is authenticated by the
 * API filter chain; origins other than the page's own are refused (Spring's default).
 * Every inbound frame then passes the channel security below.
 */
@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration implements WebSocketMessageBrokerConfigurer {

	/**
	 * The largest frame a client may send. Clients only CONNECT and SUBSCRIBE, which take
	 * a few hundred bytes; Tomcat allocates a buffer this size (twice over, for text and
	 * binary) for every open session, so a larger one would cost memory per connected
	 * browser tab.
	 */
	static final int MAX_FRAME_BYTES = 1024;

	private static final Logger logger = LoggerFactory.getLogger(WebSocketConfiguration.class);

	private final ApplicationContext context;

	private final TaskScheduler brokerScheduler;

	private final OpenFeedSessions openSessions;

	private final FeedRelaySettings relay;

	private final JsonMapper json;

	private final ObjectProvider<ProjectService> projects;

	private final ObjectProvider<TaskService> tasks;

	WebSocketConfiguration(ApplicationContext context, @Lazy TaskScheduler messageBrokerTaskScheduler,
			OpenFeedSessions openSessions, FeedRelaySettings relay, JsonMapper json,
			ObjectProvider<ProjectService> projects, ObjectProvider<TaskService> tasks) {
		this.context = context;
		this.projects = projects;
		this.tasks = tasks;
		this.brokerScheduler = messageBrokerTaskScheduler;
		this.openSessions = openSessions;
		this.relay = relay;
		this.json = json;
	}

	/**
	 * The feed's JSON: the application's mapper, except that it reads what it does not
	 * know without failing. The REST API refuses unknown properties; here the only JSON
	 * read is what the instances send each other (user registry snapshots, which carry
	 * read-only properties).
	 */
	@Override
	public boolean configureMessageConverters(List<MessageConverter> converters) {
		converters.add(0, new JacksonJsonMessageConverter(
				this.json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)));
		return false;
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		registry.addEndpoint("/ws").addInterceptors(new HandshakeRefusals(), new CredentialKindInterceptor());
		registry.setErrorHandler(new FeedErrorHandler());
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		registry.setApplicationDestinationPrefixes("/app");
		registry.setUserDestinationPrefix("/user");
		// the registry must see a connect before the presence listener counts it
		registry.setUserRegistryOrder(Ordered.HIGHEST_PRECEDENCE);
		// the outbound channel is a thread pool: without this,
		// two changes committed one after the other can reach a
		// session in the other order (an older title shown last)
		registry.setPreservePublishOrder(true);
		if (this.relay.isEnabled()) {
			enableRelay(registry, this.relay.resolve());
		}
		else {
			registry.enableSimpleBroker("/topic", "/queue")
				.setHeartbeatValue(new long[] { 10_000, 10_000 })
				.setTaskScheduler(this.brokerScheduler);
		}
	}

	/**
	 * Several instances: RabbitMQ's STOMP plugin carries topics and every session's user
	 * queue, the instances tell each other who is connected (user registry broadcast),
	 * and a message for a user with no session here is handed to the others (user
	 * destination broadcast).
	 */
	private void enableRelay(MessageBrokerRegistry registry, FeedRelaySettings.Resolved broker) {
		logger.info("Live feed relayed through RabbitMQ at {}", broker);
		StompBrokerRelayRegistration relay = registry.enableStompBrokerRelay("/topic", "/queue", "/exchange")
			.setRelayHost(broker.host())
			.setRelayPort(broker.port())
			.setClientLogin(broker.login())
			.setClientPasscode(broker.passcode())
			.setSystemLogin(broker.login())
			.setSystemPasscode(broker.passcode())
			.setSystemHeartbeatSendInterval(10_000)
			.setSystemHeartbeatReceiveInterval(10_000)
			.setTaskScheduler(this.brokerScheduler)
			.setUserDestinationBroadcast("/topic/taskfeed.unresolved-user-destination")
			.setUserRegistryBroadcast("/topic/taskfeed.user-registry");
		// The relay passes a client's CONNECT on to RabbitMQ, which reads its `host`
		// header (mandatory in STOMP 1.2, often the server's name) as a virtual host and
		// refuses an unknown one. Setting the virtual host always (RabbitMQ's default
		// one, "/", when none is configured) replaces the client's header, so every STOMP
		// client connects the same way with or without the relay.
		relay.setVirtualHost((broker.virtualHost() != null) ? broker.virtualHost() : "/");
		if (broker.ssl()) {
			relay.setTcpClient(new ReactorNettyTcpClient<>(
					(client) -> client.host(broker.host()).port(broker.port()).secure(), new StompReactorNettyCodec()));
		}
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.setMessageSizeLimit(MAX_FRAME_BYTES);
		registration.setSendBufferSizeLimit(512 * 1024);
		registration.setSendTimeLimit(10_000);
		registration.addDecoratorFactory(this.openSessions);
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		AuthorizationChannelInterceptor authorization = new AuthorizationChannelInterceptor(messageAuthorization());
		authorization.setAuthorizationEventPublisher(new SpringAuthorizationEventPublisher(this.context));
		registration.interceptors(new FrameRules(), new SecurityContextChannelInterceptor(),
				new CsrfOnConnectInterceptor(), authorization);
	}

	private AuthorizationManager<Message<?>> messageAuthorization() {
		MessageMatcherDelegatingAuthorizationManager.Builder messages = MessageMatcherDelegatingAuthorizationManager
			.builder();
		messages.setApplicationContext(this.context);
		// frames without a destination: only those that need none
		// (a SUBSCRIBE or SEND without one is refused with an
		// ERROR frame like any other, not left to fail further in)
		return messages
			.simpTypeMatchers(SimpMessageType.CONNECT, SimpMessageType.HEARTBEAT, SimpMessageType.UNSUBSCRIBE,
					SimpMessageType.DISCONNECT)
			.authenticated()
			.simpSubscribeDestMatchers("/user/queue/tasks", "/user/queue/presence", "/app/presence", "/topic/presence")
			.authenticated()
			// a project's presence: its members only
			.simpSubscribeDestMatchers("/app/projects/{id}/presence")
			.access((authentication, context) -> new AuthorizationDecision(userId(authentication.get()) != null
					&& isLong(context.getVariables().get("id"))
					&& this.projects.getObject()
						.isMember(Long.parseLong(context.getVariables().get("id")), userId(authentication.get()))))
			// typing on a task: whoever can see it
			.simpMessageDestMatchers("/app/tasks/{id}/typing")
			.access((authentication, context) -> new AuthorizationDecision(userId(authentication.get()) != null
					&& isLong(context.getVariables().get("id"))
					&& this.tasks.getObject()
						.findAccess(userId(authentication.get()), Long.parseLong(context.getVariables().get("id")))
						.isPresent()))
			// no other SEND, no SUBSCRIBE to other queues, topics or users
			.anyMessage()
			.denyAll()
			.build();
	}

	private static Long userId(Authentication authentication) {
		return (authentication != null && authentication.getPrincipal() instanceof TaskFeedPrincipal principal)
				? principal.id() : null;
	}

	private static boolean isLong(String text) {
		try {
			Long.parseLong(text);
			return true;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	/** A frame over the limit closes the connection with 1009 (message too big). */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
		// clients send text frames only
		container.setMaxBinaryMessageBufferSize(1024);
		return container;
	}

	/**
	 * Every refused handshake says why, in problem+json, and is logged as one WARN line.
	 * Spring refuses a foreign origin (its origin check, after this one) and a request
	 * that is no WebSocket handshake with a status and an empty or plain-text body; this
	 * interceptor comes first, so it sees each of those answers before it goes out, and
	 * writes it again with the same status and headers. An {@code Origin} that is not
	 * even a URL ({@code ::::}, {@code http://a b}) it refuses itself (403), before
	 * Spring's same-origin check, which fails on it with an exception.
	 */
	static final class HandshakeRefusals implements HandshakeInterceptor {

		static final String ORIGIN_NOT_ALLOWED = "The live feed does not accept a connection from this origin: "
				+ "it is not allowed (only TaskFeed's own pages, or a client that sends no Origin, may connect).";

		@Override
		public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
				WebSocketHandler wsHandler, Map<String, Object> attributes) throws IOException {
			if (request.getHeaders().getOrigin() == null) {
				return true;
			}
			try {
				WebUtils.isSameOrigin(request);
				return true;
			}
			catch (RuntimeException ex) {
				response.setStatusCode(HttpStatus.FORBIDDEN);
				refuse(request, response);
				return false;
			}
		}

		@Override
		public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
				@Nullable Exception exception) {
			if (exception == null) {
				try {
					refuse(request, response);
				}
				catch (IOException ex) {
					// the client went away
				}
			}
		}

		private static void refuse(ServerHttpRequest request, ServerHttpResponse response) throws IOException {
			if (!(request instanceof ServletServerHttpRequest servletRequest)
					|| !(response instanceof ServletServerHttpResponse servletResponse)) {
				return;
			}
			HttpStatus status = HttpStatus.resolve(servletResponse.getServletResponse().getStatus());
			if (status == null || !status.isError()) {
				return;
			}
			String detail = switch (status) {
				case FORBIDDEN -> ORIGIN_NOT_ALLOWED;
				case UPGRADE_REQUIRED -> "The live feed speaks WebSocket version 13 (RFC 6455) only.";
				case METHOD_NOT_ALLOWED -> "A WebSocket handshake is a GET.";
				default -> "Not a WebSocket handshake: it needs the headers Upgrade: websocket, "
						+ "Connection: Upgrade, Sec-WebSocket-Version: 13 and a Sec-WebSocket-Key.";
			};
			logger.warn("Refused the live feed's handshake with {}{}", status.value(),
					(status == HttpStatus.FORBIDDEN) ? ": the origin is not allowed" : ": not a WebSocket handshake");
			ProblemResponses.write(servletRequest.getServletRequest(), servletResponse.getServletResponse(),
					ProblemResponses.problem(status, status.getReasonPhrase(), detail), response.getHeaders());
		}

	}

	/**
	 * Notes how the handshake was authenticated: a browser's cookie needs the CSRF token
	 * on CONNECT, so the session's token is handed to the CONNECT check; an
	 * {@code Authorization} header (Basic or Bearer), which no other site can make a
	 * browser send, does not, and its token is left alone (resolving it would start an
	 * HTTP session for every script's connection).
	 */
	static final class CredentialKindInterceptor implements HandshakeInterceptor {

		private final CsrfTokenHandshakeInterceptor csrf = new CsrfTokenHandshakeInterceptor();

		@Override
		public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
				WebSocketHandler wsHandler, Map<String, Object> attributes) throws Exception {
			boolean byHeader = request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
			attributes.put(CsrfOnConnectInterceptor.CSRF_REQUIRED, !byHeader);
			rememberCredential(request, byHeader, attributes);
			return byHeader || this.csrf.beforeHandshake(request, response, wsHandler, attributes);
		}

		/**
		 * What the connection lives by: its API token, or its browser session (see
		 * FeedCredentials).
		 */
		private static void rememberCredential(ServerHttpRequest request, boolean byHeader,
				Map<String, Object> attributes) {
			if (request.getPrincipal() instanceof Authentication authentication
					&& authentication.getDetails() instanceof ApiTokenCredential token) {
				attributes.put(FeedCredentials.API_TOKEN_ID, token.tokenId());
			}
			else if (!byHeader && request instanceof ServletServerHttpRequest servlet) {
				HttpSession session = servlet.getServletRequest().getSession(false);
				if (session != null) {
					attributes.put(FeedCredentials.BROWSER_SESSION_ID, session.getId());
				}
			}
		}

		@Override
		public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
				Exception exception) {
		}

	}

}
