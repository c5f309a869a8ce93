package dev.taskfeed.feed;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Conditional;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;
import org.springframework.stereotype.Component;

/**
 * {@code broker} in {@code /actuator/health}, with the RabbitMQ relay: UP while the
 * relay's own connection to RabbitMQ is established, DOWN while it is not (the REST API
 * keeps working; the live feed resumes when RabbitMQ is back).
 */
@Component("broker")
@Conditional(FeedRelaySettings.Configured.class)
class FeedBrokerHealthIndicator extends AbstractHealthIndicator {

	private final ObjectProvider<AbstractBrokerMessageHandler> brokers;

	FeedBrokerHealthIndicator(ObjectProvider<AbstractBrokerMessageHandler> brokers) {
		super("The live feed broker check failed");
		this.brokers = brokers;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		StompBrokerRelayMessageHandler relay = this.brokers.stream()
			.filter(StompBrokerRelayMessageHandler.class::isInstance)
			.map(StompBrokerRelayMessageHandler.class::cast)
			.findFirst()
			.orElse(null);
		if (relay != null && relay.isBrokerAvailable()) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

}
