package dev.taskfeed.feed;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.messaging.simp.user.SimpSubscription;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Component;

/**
 * Who is connected now: the sessions of each signed-in user, every instance included when
 * the feed is relayed (the other instances' sessions are learnt from their registry
 * broadcasts, where a user may appear once per instance), each session counted once.
 */
@Component
class OnlineUsers {

	private final SimpUserRegistry registry;

	private final FeedRelaySettings relay;

	OnlineUsers(SimpUserRegistry registry, FeedRelaySettings relay) {
		this.registry = registry;
		this.relay = relay;
	}

	/** Session ids by STOMP user name (the email). */
	Map<String, Set<String>> sessionsByUser() {
		Map<String, Set<String>> sessions = new HashMap<>();
		for (SimpUser user : this.registry.getUsers()) {
			user.getSessions()
				.forEach((session) -> sessions.computeIfAbsent(user.getName(), (name) -> new HashSet<>())
					.add(session.getId()));
		}
		if (this.relay.isEnabled()) {
			for (SimpSubscription subscription : this.registry.findSubscriptions((any) -> true)) {
				sessions.computeIfAbsent(subscription.getSession().getUser().getName(), (name) -> new HashSet<>())
					.add(subscription.getSession().getId());
			}
		}
		return sessions;
	}

}
