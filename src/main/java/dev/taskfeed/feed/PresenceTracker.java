package dev.taskfeed.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.taskfeed.feed.FeedRelaySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Controller;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Who is connected: {@code /app/presence} answers a subscriber at once,
 * {@code /topic/presence} carries the counts after connects and disconnects. A user with
 * two tabs is one user and two sessions. Changes are coalesced: a burst of connects sends
 * one update, not one per connect to every subscriber. With the RabbitMQ relay the counts
 * cover every instance; the other instances' sessions are learnt from their registry
 * broadcasts, checked for changes as often.
 */
@Controller
class PresenceTracker {

	static final String TOPIC = "/topic/presence";

	private static final Duration COALESCE = Duration.ofMillis(200);

	private static final Logger logger = LoggerFactory.getLogger(PresenceTracker.class);

	private final OnlineUsers online;

	private final SimpMessagingTemplate messaging;

	private final TaskScheduler scheduler;

	private final FeedRelaySettings relay;

	private final AtomicBoolean pending = new AtomicBoolean();

	private volatile Presence lastSent;

	PresenceTracker(OnlineUsers online, SimpMessagingTemplate messaging,
			@Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler, FeedRelaySettings relay) {
		this.online = online;
		this.messaging = messaging;
		this.scheduler = scheduler;
		this.relay = relay;
	}

	@SubscribeMapping("/presence")
	Presence current() {
		Map<String, Set<String>> sessions = this.online.sessionsByUser();
		return new Presence(sessions.size(), sessions.values().stream().mapToInt(Set::size).sum());
	}

	@EventListener
	void connected(SessionConnectedEvent event) {
		sendSoon();
	}

	@EventListener
	void disconnected(SessionDisconnectEvent event) {
		sendSoon();
	}

	@EventListener
	void ready(ApplicationReadyEvent event) {
		if (this.relay.isEnabled()) {
			this.scheduler.scheduleWithFixedDelay(this::sendIfChanged, this.relay.registryBroadcastInterval());
		}
	}

	private void sendSoon() {
		if (this.pending.compareAndSet(false, true)) {
			try {
				this.scheduler.schedule(this::send, Instant.now().plus(COALESCE));
			}
			catch (TaskRejectedException ex) {
				// shutting down: the sessions are closing, nobody is left to tell
				this.pending.set(false);
			}
		}
	}

	private void sendIfChanged() {
		if (!current().equals(this.lastSent)) {
			sendSoon();
		}
	}

	private void send() {
		this.pending.set(false);
		Presence presence = current();
		try {
			this.messaging.convertAndSend(TOPIC, presence);
			this.lastSent = presence;
		}
		catch (RuntimeException ex) {
			// the broker is away; the next change or check sends it
			logger.debug("Could not send presence: {}", ex.toString());
		}
	}

	record Presence(int users, int sessions) {
	}

}
