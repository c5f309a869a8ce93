package dev.taskfeed.feed;

import java.time.Duration;

import dev.taskfeed.common.ServiceUrl;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Where the live feed's STOMP broker relay connects, when there is one:
 * {@code taskfeed.relay.url} (an {@code amqp://} or {@code amqps://} URL as a RabbitMQ
 * add-on gives it; {@code RABBITMQ_URL} and {@code CLOUDAMQP_URL} are read too), or
 * explicit host, port, login, passcode and virtual host, which also override the URL's
 * parts. With neither, the feed uses the in-memory broker.
 *
 * @param registryBroadcastInterval how often each instance tells the others who is
 * connected to it
 */
@ConfigurationProperties("taskfeed.relay")
public record FeedRelaySettings(String url, String host, Integer port, String login, String passcode,
		String virtualHost, Boolean ssl, @DefaultValue("5s") Duration registryBroadcastInterval) {

	/** The STOMP port of RabbitMQ's STOMP plugin. */
	static final int STOMP_PORT = 61613;

	/** The STOMP-over-TLS port of RabbitMQ's STOMP plugin. */
	static final int STOMP_TLS_PORT = 61614;

	public boolean isEnabled() {
		return StringUtils.hasText(this.url) || StringUtils.hasText(this.host);
	}

	/**
	 * The settings the relay uses: the URL's parts, overridden by whatever was set
	 * explicitly.
	 */
	public Resolved resolve() {
		String resolvedHost = "localhost";
		int resolvedPort = STOMP_PORT;
		String resolvedLogin = "guest";
		String resolvedPasscode = "guest";
		String resolvedVirtualHost = null;
		boolean resolvedSsl = false;
		if (StringUtils.hasText(this.url)) {
			ServiceUrl parts = parse(this.url);
			resolvedSsl = "amqps".equals(parts.scheme());
			resolvedHost = parts.host();
			resolvedPort = resolvedSsl ? STOMP_TLS_PORT : STOMP_PORT;
			if (parts.user() != null) {
				resolvedLogin = parts.user();
				resolvedPasscode = (parts.password() != null) ? parts.password() : "";
			}
			if (!parts.path().isEmpty()) {
				resolvedVirtualHost = parts.path();
			}
		}
		return new Resolved(StringUtils.hasText(this.host) ? this.host : resolvedHost,
				(this.port != null) ? this.port : resolvedPort, (this.login != null) ? this.login : resolvedLogin,
				(this.passcode != null) ? this.passcode : resolvedPasscode,
				(this.virtualHost != null) ? this.virtualHost : resolvedVirtualHost,
				(this.ssl != null) ? this.ssl : resolvedSsl);
	}

	private static ServiceUrl parse(String url) {
		ServiceUrl parts;
		try {
			parts = ServiceUrl.parse(url);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("taskfeed.relay.url is not a valid URL");
		}
		if (!"amqp".equals(parts.scheme()) && !"amqps".equals(parts.scheme()) || parts.host() == null) {
			throw new IllegalArgumentException("taskfeed.relay.url must look like amqp://user:password@host/vhost");
		}
		return parts;
	}

	/** Leaves the URL and the passcode out: both can carry a password. */
	@Override
	public String toString() {
		return "FeedRelaySettings[" + (isEnabled() ? "relay" : "in-memory broker") + ", registryBroadcastInterval="
				+ this.registryBroadcastInterval + "]";
	}

	/** The relay's settings; {@code toString} leaves the passcode out. */
	public record Resolved(String host, int port, String login, String passcode, String virtualHost, boolean ssl) {

		@Override
		public String toString() {
			return (this.ssl ? "stomp+ssl://" : "stomp://") + this.host + ":" + this.port
					+ ((this.virtualHost != null) ? " (virtual host " + this.virtualHost + ")" : "");
		}

	}

}
