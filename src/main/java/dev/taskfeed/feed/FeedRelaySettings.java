package dev.taskfeed.feed;

import java.time.Duration;

import dev.taskfeed.common.ServiceUrl;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Where the live feed's STOMP broker relay connects, when there is one:
 * {@code taskfeed.relay.url} (an {@code amqp://} or {@code amqps://} URL as a RabbitMQ
 * add-on gives it; {@code RABBITMQ_URL} and {@code CLOUDAMQP_URL} are read too), or
 * explicit host, port, login, passcode and virtual host, which also override the URL's
 * parts. With neither, the feed uses the in-memory broker.
 */
@ConfigurationProperties("taskfeed.relay")
public class FeedRelaySettings {

	/** The STOMP port of RabbitMQ's STOMP plugin. */
	static final int STOMP_PORT = 61613;

	/** The STOMP-over-TLS port of RabbitMQ's STOMP plugin. */
	static final int STOMP_TLS_PORT = 61614;

	private String url;

	private String host;

	private Integer port;

	private String login;

	private String passcode;

	private String virtualHost;

	private Boolean ssl;

	/** How often each instance tells the others who is connected to it. */
	private Duration registryBroadcastInterval = Duration.ofSeconds(5);

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

	/** Matches when a relay URL or host is configured. */
	static class Configured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Environment environment = context.getEnvironment();
			return StringUtils.hasText(environment.getProperty("taskfeed.relay.url"))
					|| StringUtils.hasText(environment.getProperty("taskfeed.relay.host"));
		}

	}

	/** The relay's settings; {@code toString} leaves the passcode out. */
	public record Resolved(String host, int port, String login, String passcode, String virtualHost, boolean ssl) {

		@Override
		public String toString() {
			return (this.ssl ? "stomp+ssl://" : "stomp://") + this.host + ":" + this.port
					+ ((this.virtualHost != null) ? " (virtual host " + this.virtualHost + ")" : "");
		}

	}

	public String getUrl() {
		return this.url;
	}

	public void setUrl(String url) {
		this.url = url;
	}

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public Integer getPort() {
		return this.port;
	}

	public void setPort(Integer port) {
		this.port = port;
	}

	public String getLogin() {
		return this.login;
	}

	public void setLogin(String login) {
		this.login = login;
	}

	public String getPasscode() {
		return this.passcode;
	}

	public void setPasscode(String passcode) {
		this.passcode = passcode;
	}

	public String getVirtualHost() {
		return this.virtualHost;
	}

	public void setVirtualHost(String virtualHost) {
		this.virtualHost = virtualHost;
	}

	public Boolean getSsl() {
		return this.ssl;
	}

	public void setSsl(Boolean ssl) {
		this.ssl = ssl;
	}

	public Duration getRegistryBroadcastInterval() {
		return this.registryBroadcastInterval;
	}

	public void setRegistryBroadcastInterval(Duration registryBroadcastInterval) {
		this.registryBroadcastInterval = registryBroadcastInterval;
	}

}
