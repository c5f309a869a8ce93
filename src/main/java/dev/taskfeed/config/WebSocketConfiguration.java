package dev.taskfeed.config;

import java.util.Map;

import dev.taskfeed.task.feed.CsrfOnConnectInterceptor;
import dev.taskfeed.task.feed.OpenFeedSessions;

import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.messaging.access.intercept.AuthorizationChannelInterceptor;
import org.springframework.security.messaging.access.intercept.MessageMatcherDelegatingAuthorizationManager;
import org.springframework.security.messaging.context.SecurityContextChannelInterceptor;
import org.springframework.security.messaging.web.socket.server.CsrfTokenHandshakeInterceptor;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * STOMP 1.2 over a plain WebSocket at {@code /ws}. The handshake is authenticated by the API
 * filter chain; origins other than the page's own are refused (Spring's default). Every inbound
 * frame then passes the channel security below.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class WebSocketConfiguration implements WebSocketMessageBrokerConfigurer {

	static final int MAX_FRAME_BYTES = 64 * 1024;

	private final ApplicationContext context;

	private final TaskScheduler brokerScheduler;

	private final OpenFeedSessions openSessions;

	WebSocketConfiguration(ApplicationContext context, @Lazy TaskScheduler messageBrokerTaskScheduler,
			OpenFeedSessions openSessions) {
		this.context = context;
		this.brokerScheduler = messageBrokerTaskScheduler;
		this.openSessions = openSessions;
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		registry.addEndpoint("/ws").addInterceptors(new CsrfTokenHandshakeInterceptor(), new CredentialKindInterceptor());
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		registry.setApplicationDestinationPrefixes("/app");
		registry.setUserDestinationPrefix("/user");
		// the registry must see a connect before the presence listener counts it
		registry.setUserRegistryOrder(Ordered.HIGHEST_PRECEDENCE);
		registry.enableSimpleBroker("/topic", "/queue")
			.setHeartbeatValue(new long[] { 10_000, 10_000 })
			.setTaskScheduler(this.brokerScheduler);
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
		registration.interceptors(new SecurityContextChannelInterceptor(), new CsrfOnConnectInterceptor(),
				authorization);
	}

	private AuthorizationManager<Message<?>> messageAuthorization() {
		MessageMatcherDelegatingAuthorizationManager.Builder messages = MessageMatcherDelegatingAuthorizationManager
			.builder();
		messages.setApplicationContext(this.context);
		return messages.nullDestMatcher()
			.authenticated()
			.simpSubscribeDestMatchers("/user/queue/tasks", "/app/presence", "/topic/presence")
			.authenticated()
			// no SEND anywhere, no SUBSCRIBE to other queues, topics or users
			.anyMessage()
			.denyAll()
			.build();
	}

	/** Lets a frame a little over the STOMP limit reach the STOMP decoder, which answers with ERROR. */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(2 * MAX_FRAME_BYTES);
		container.setMaxBinaryMessageBufferSize(2 * MAX_FRAME_BYTES);
		return container;
	}

	/**
	 * Notes how the handshake was authenticated: a browser's cookie needs the CSRF token on
	 * CONNECT; an {@code Authorization} header (Basic or Bearer), which no other site can make a
	 * browser send, does not.
	 */
	static final class CredentialKindInterceptor implements HandshakeInterceptor {

		@Override
		public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
				WebSocketHandler wsHandler, Map<String, Object> attributes) {
			boolean byHeader = request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
			attributes.put(CsrfOnConnectInterceptor.CSRF_REQUIRED, !byHeader);
			return true;
		}

		@Override
		public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
				Exception exception) {
		}

	}

}
