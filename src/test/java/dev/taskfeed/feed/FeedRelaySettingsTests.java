package dev.taskfeed.feed;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The relay's settings as {@code taskfeed.relay.*} binds them: a RabbitMQ URL, explicit
 * parts that override it, the defaults, and a toString without the password.
 */
class FeedRelaySettingsTests {

	@Test
	void withNothingSetTheFeedKeepsItsInMemoryBroker() {
		FeedRelaySettings settings = bind(Map.of());
		assertThat(settings.isEnabled()).isFalse();
		assertThat(settings.registryBroadcastInterval()).isEqualTo(Duration.ofSeconds(5));
		assertThat(bind(Map.of("taskfeed.relay.url", "")).isEnabled()).isFalse();
	}

	@Test
	void anAmqpsUrlGivesTheTlsStompPortItsCredentialsAndVirtualHost() {
		FeedRelaySettings settings = bind(Map.of("taskfeed.relay.url", "amqps://ab%40c:s3cr%3At@rabbit.example.com/vh1",
				"taskfeed.relay.registry-broadcast-interval", "1s"));
		assertThat(settings.isEnabled()).isTrue();
		assertThat(settings.registryBroadcastInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(settings.resolve())
			.isEqualTo(new FeedRelaySettings.Resolved("rabbit.example.com", 61614, "ab@c", "s3cr:t", "vh1", true));
		assertThat(settings.toString()).doesNotContain("s3cr").doesNotContain("ab%40c");
		assertThat(settings.resolve().toString()).isEqualTo("stomp+ssl://rabbit.example.com:61614 (virtual host vh1)");
	}

	@Test
	void explicitPartsOverrideTheUrlAndAHostAloneUsesGuest() {
		FeedRelaySettings settings = bind(Map.of("taskfeed.relay.url", "amqp://u:p@rabbit/", "taskfeed.relay.host",
				"127.0.0.1", "taskfeed.relay.port", "61700", "taskfeed.relay.virtual-host", "other",
				"taskfeed.relay.ssl", "true", "taskfeed.relay.login", "me", "taskfeed.relay.passcode", "pw"));
		assertThat(settings.resolve())
			.isEqualTo(new FeedRelaySettings.Resolved("127.0.0.1", 61700, "me", "pw", "other", true));
		assertThat(bind(Map.of("taskfeed.relay.host", "broker")).resolve())
			.isEqualTo(new FeedRelaySettings.Resolved("broker", 61613, "guest", "guest", null, false));
	}

	@Test
	void aUrlThatIsNotAmqpIsRefusedWithoutRepeatingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> bind(Map.of("taskfeed.relay.url", "postgres://u:secret@db/x")).resolve())
			.withMessage("taskfeed.relay.url must look like amqp://user:password@host/vhost");
	}

	private static FeedRelaySettings bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("taskfeed.relay",
				FeedRelaySettings.class);
	}

}
