package dev.taskfeed.task.feed;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Controller;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Who is connected: {@code /app/presence} answers a subscriber at once, {@code /topic/presence}
 * carries the counts on every connect and disconnect. A user with two tabs is one user and
 * two sessions.
 */
@Controller
class PresenceTracker {

	static final String TOPIC = "/topic/presence";

	private final SimpUserRegistry registry;

	private final SimpMessagingTemplate messaging;

	PresenceTracker(SimpUserRegistry registry, SimpMessagingTemplate messaging) {
		this.registry = registry;
		this.messaging = messaging;
	}

	@SubscribeMapping("/presence")
	Presence current() {
		int sessions = this.registry.getUsers().stream().mapToInt((SimpUser user) -> user.getSessions().size()).sum();
		return new Presence(this.registry.getUserCount(), sessions);
	}

	@EventListener
	void connected(SessionConnectedEvent event) {
		this.messaging.convertAndSend(TOPIC, current());
	}

	@EventListener
	void disconnected(SessionDisconnectEvent event) {
		this.messaging.convertAndSend(TOPIC, current());
	}

	record Presence(int users, int sessions) {
	}

}
