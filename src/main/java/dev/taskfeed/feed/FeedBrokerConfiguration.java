package dev.taskfeed.feed;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.DefaultUserDestinationResolver;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.messaging.simp.user.UserDestinationResolver;
import org.springframework.messaging.simp.user.UserRegistryMessageHandler;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.DelegatingWebSocketMessageBrokerConfiguration;

/**
 * What {@code @EnableWebSocketMessageBroker} would import, with sessions that send their
 * ERROR frame before closing, and two changes for the RabbitMQ relay: user destinations
 * resolve through {@link RelayUserDestinationResolver}, and the instances share their
 * user registries as often as {@code taskfeed.relay.registry-broadcast-interval} says.
 */
@Configuration(proxyBeanMethods = false)
class FeedBrokerConfiguration extends DelegatingWebSocketMessageBrokerConfiguration {

	private final FeedRelaySettings relay;

	FeedBrokerConfiguration(FeedRelaySettings relay) {
		this.relay = relay;
	}

	@Bean
	@Override
	public UserDestinationResolver userDestinationResolver(SimpUserRegistry userRegistry,
			@Qualifier("clientInboundChannel") AbstractSubscribableChannel clientInboundChannel,
			@Qualifier("clientOutboundChannel") AbstractSubscribableChannel clientOutboundChannel) {
		DefaultUserDestinationResolver standard = (DefaultUserDestinationResolver) super.userDestinationResolver(
				userRegistry, clientInboundChannel, clientOutboundChannel);
		if (!this.relay.isEnabled()) {
			return standard;
		}
		return new RelayUserDestinationResolver(userRegistry, standard.getDestinationPrefix(),
				standard.isRemoveLeadingSlash());
	}

	/**
	 * Sessions that send a refusal's ERROR frame before closing (see
	 * {@link ErrorFrameFirstSession}).
	 */
	@Bean
	@Override
	public WebSocketHandler subProtocolWebSocketHandler(
			@Qualifier("clientInboundChannel") AbstractSubscribableChannel clientInboundChannel,
			@Qualifier("clientOutboundChannel") AbstractSubscribableChannel clientOutboundChannel) {
		return new SubProtocolWebSocketHandler(clientInboundChannel, clientOutboundChannel) {

			@Override
			protected WebSocketSession decorateSession(WebSocketSession session) {
				return new ErrorFrameFirstSession(session, getSendTimeLimit(), getSendBufferSizeLimit());
			}

		};
	}

	/**
	 * With the relay, each instance tells the others who is connected every
	 * registry-broadcast-interval.
	 */
	@Bean
	@Override
	public MessageHandler userRegistryMessageHandler(
			@Qualifier("clientInboundChannel") AbstractSubscribableChannel clientInboundChannel,
			@Qualifier("clientOutboundChannel") AbstractSubscribableChannel clientOutboundChannel,
			SimpUserRegistry userRegistry, SimpMessagingTemplate brokerMessagingTemplate,
			@Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler) {
		MessageHandler handler = super.userRegistryMessageHandler(clientInboundChannel, clientOutboundChannel,
				userRegistry, brokerMessagingTemplate, scheduler);
		if (handler instanceof UserRegistryMessageHandler broadcasting) {
			broadcasting.setRegistryExpirationPeriod(2 * this.relay.registryBroadcastInterval().toMillis());
		}
		return handler;
	}

}
