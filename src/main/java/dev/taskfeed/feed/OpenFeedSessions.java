package dev.taskfeed.feed;

import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

/**
 * The open feed connections. On shutdown (Heroku's SIGTERM) they are the first thing
 * closed, with 1001 "going away", before the web server drains its requests, so browsers
 * and scripts reconnect, to another dyno, at once. Spring's
 * {@code SubProtocolWebSocketHandler.stop()} also closes sessions with 1001, but too late
 * here: without this, the clients of a server stopped by SIGTERM saw 1006 (the connection
 * dropped without a close frame), which ProcfileProcessTests checks.
 */
@Component
public class OpenFeedSessions implements WebSocketHandlerDecoratorFactory, SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(OpenFeedSessions.class);

	private final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();

	private volatile boolean running;

	@Override
	public WebSocketHandler decorate(WebSocketHandler handler) {
		return new WebSocketHandlerDecorator(handler) {

			@Override
			public void afterConnectionEstablished(WebSocketSession session) throws Exception {
				OpenFeedSessions.this.sessions.add(session);
				super.afterConnectionEstablished(new FixedBufferSession(session));
			}

			@Override
			public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
				OpenFeedSessions.this.sessions.remove(session);
				super.afterConnectionClosed(session, status);
			}

		};
	}

	/** The connections open on this instance now. */
	Collection<WebSocketSession> open() {
		return Collections.unmodifiableSet(this.sessions);
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (!this.sessions.isEmpty()) {
			logger.info("Closing {} live feed connection(s): the server is going away", this.sessions.size());
		}
		for (WebSocketSession session : this.sessions) {
			try {
				session.close(CloseStatus.GOING_AWAY);
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("Could not close feed session {}: {}", session.getId(), ex.toString());
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Keeps the server's message buffer as configured. Spring's STOMP handler raises
	 * every session's text message limit to 16 KiB (for SockJS, which TaskFeed does not
	 * use), and Tomcat then holds a buffer that size for every open connection; our
	 * clients' frames are a few hundred bytes, and a larger one is refused (1009).
	 */
	static final class FixedBufferSession extends WebSocketSessionDecorator {

		FixedBufferSession(WebSocketSession session) {
			super(session);
		}

		@Override
		public void setTextMessageSizeLimit(int messageSizeLimit) {
		}

	}

	/** Stops before everything else, the web server's graceful shutdown included. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}
