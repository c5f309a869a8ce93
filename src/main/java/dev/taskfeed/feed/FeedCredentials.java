package dev.taskfeed.feed;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import dev.taskfeed.user.ApiTokenRevokedEvent;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * A live feed connection lasts only as long as what opened it: revoking the API token of
 * a script's connection, or signing a browser out, closes the connection (1008, "signed
 * out"), and the reconnect is refused. The instance where it happens closes its own
 * connections at once; every instance also checks its connections' tokens and browser
 * sessions against the database every {@code taskfeed.feed.credential-check-interval} (30
 * s), which covers the other instances and browser sessions that expired. Connections
 * opened with HTTP Basic carry no such credential. A page watching the feed makes no HTTP
 * requests, so the check also counts it as use of its browser session: a signed-in page
 * left open does not time out, and once it is closed the idle timeout runs as usual.
 */
@Component
public class FeedCredentials implements LogoutHandler {

	/** Handshake attribute: the id of the API token that opened the connection. */
	public static final String API_TOKEN_ID = FeedCredentials.class.getName() + ".apiTokenId";

	/**
	 * Handshake attribute: the id of the browser session (cookie) that opened the
	 * connection.
	 */
	public static final String BROWSER_SESSION_ID = FeedCredentials.class.getName() + ".browserSessionId";

	static final CloseStatus SIGNED_OUT = CloseStatus.POLICY_VIOLATION.withReason("signed out");

	/** The browser sessions still signed in, each marked as used now. */
	private static final String TOUCH_LIVE_BROWSER_SESSIONS = """
			update http_session set last_access_time = ?, expiry_time = ? + max_inactive_interval * 1000::bigint
			where session_id = any(?) and expiry_time > ?
			returning session_id""";

	private static final Logger logger = LoggerFactory.getLogger(FeedCredentials.class);

	private final OpenFeedSessions sessions;

	private final JdbcTemplate jdbc;

	private final TaskScheduler scheduler;

	private final Duration interval;

	FeedCredentials(OpenFeedSessions sessions, JdbcTemplate jdbc,
			@Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler,
			@Value("${taskfeed.feed.credential-check-interval:30s}") Duration interval) {
		this.sessions = sessions;
		this.jdbc = jdbc;
		this.scheduler = scheduler;
		this.interval = interval;
	}

	@TransactionalEventListener
	void tokenRevoked(ApiTokenRevokedEvent event) {
		closeWhere(this.sessions.open(),
				(attributes) -> Long.valueOf(event.tokenId()).equals(attributes.get(API_TOKEN_ID)));
	}

	/**
	 * Signing out through the page: this browser session's connections on this instance.
	 */
	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			String id = session.getId();
			closeWhere(this.sessions.open(), (attributes) -> id.equals(attributes.get(BROWSER_SESSION_ID)));
		}
	}

	@EventListener
	void ready(ApplicationReadyEvent event) {
		try {
			this.scheduler.scheduleWithFixedDelay(this::check, this.interval);
		}
		catch (TaskRejectedException ex) {
			logger.debug("Credential checks not scheduled: {}", ex.toString());
		}
	}

	/**
	 * Closes the connections whose token or browser session is gone. Only the connections
	 * open when the check starts are judged: one that opens while the database answers
	 * was not asked about, and is left for the next check.
	 */
	void check() {
		try {
			List<WebSocketSession> checked = List.copyOf(this.sessions.open());
			Set<Long> liveTokens = liveTokens(attributeValues(checked, API_TOKEN_ID, Long.class));
			Set<String> liveBrowsers = touchLiveBrowsers(attributeValues(checked, BROWSER_SESSION_ID, String.class));
			closeWhere(checked,
					(attributes) -> (attributes.get(API_TOKEN_ID) instanceof Long token && !liveTokens.contains(token))
							|| (attributes.get(BROWSER_SESSION_ID) instanceof String browser
									&& !liveBrowsers.contains(browser)));
		}
		catch (RuntimeException ex) {
			// the database may be away for a moment: the next check tries again
			logger.warn("Could not check the live feed's credentials: {}", ex.toString());
		}
	}

	/**
	 * What these connections were opened with: their API token ids, or their browser
	 * session ids.
	 */
	private static <T> Set<T> attributeValues(List<WebSocketSession> sessions, String name, Class<T> type) {
		Set<T> values = new HashSet<>();
		for (WebSocketSession session : sessions) {
			Object value = session.getAttributes().get(name);
			if (type.isInstance(value)) {
				values.add(type.cast(value));
			}
		}
		return values;
	}

	/** The tokens among these that still exist (one query). */
	private Set<Long> liveTokens(Set<Long> tokens) {
		return tokens.isEmpty() ? Set.of()
				: new HashSet<>(this.jdbc.queryForList("select id from api_tokens where id = any(?)", Long.class,
						(Object) tokens.toArray(Long[]::new)));
	}

	/**
	 * The browser sessions among these that still exist, marked as used now: a page
	 * watching the feed is a browser in use, so its session's idle time starts again (one
	 * statement).
	 */
	private Set<String> touchLiveBrowsers(Set<String> browsers) {
		long now = Instant.now().toEpochMilli();
		return browsers.isEmpty() ? Set.of() : new HashSet<>(this.jdbc.queryForList(TOUCH_LIVE_BROWSER_SESSIONS,
				String.class, now, now, browsers.toArray(String[]::new), now));
	}

	private void closeWhere(Collection<WebSocketSession> candidates, Predicate<Map<String, Object>> signedOut) {
		List<WebSocketSession> closing = new ArrayList<>();
		for (WebSocketSession session : candidates) {
			if (signedOut.test(session.getAttributes())) {
				closing.add(session);
			}
		}
		for (WebSocketSession session : closing) {
			try {
				session.close(SIGNED_OUT);
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("Could not close feed session {}: {}", session.getId(), ex.toString());
			}
		}
	}

}
