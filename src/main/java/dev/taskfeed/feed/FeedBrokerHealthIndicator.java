package dev.taskfeed.feed;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;
import org.springframework.stereotype.Component;

/**
 * {@code broker} in {@code /actuator/health}, with the RabbitMQ relay: UP while the
 * relay's own connection to RabbitMQ is established, DOWN while it is not (the REST API
 * keeps working; the live feed resumes when RabbitMQ is back). Without the relay there is
 * no such component.
 */
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

	/**
	 * Adds the component when the relay is configured. Decided when the application
	 * starts, not by a bean condition: the build's Spring AOT processing fixes conditions
	 * at build time, and the same jar runs with and without RabbitMQ.
	 */
	@Component
	static class Registration implements SmartInitializingSingleton {

		private final FeedRelaySettings relay;

		private final HealthContributorRegistry registry;

		private final ObjectProvider<AbstractBrokerMessageHandler> brokers;

		Registration(FeedRelaySettings relay, HealthContributorRegistry registry,
				ObjectProvider<AbstractBrokerMessageHandler> brokers) {
			this.relay = relay;
			this.registry = registry;
			this.brokers = brokers;
		}

		@Override
		public void afterSingletonsInstantiated() {
			if (this.relay.isEnabled()) {
				this.registry.registerContributor("broker", new FeedBrokerHealthIndicator(this.brokers));
			}
		}

	}

}
