package dev.taskfeed.feed;

import java.util.Set;

import dev.taskfeed.common.Sha256;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.user.DefaultUserDestinationResolver;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.messaging.simp.user.UserDestinationResult;

/**
 * User destinations through RabbitMQ: every session of a user subscribes
 * {@code /user/queue/tasks} as {@code /exchange/amq.direct/tasks-<digest of the user>},
 * and a message for that user is published there once, whichever instance sends it.
 * RabbitMQ gives each subscription its own exclusive, auto-deleted queue, so every
 * session of the user on every instance receives it, and nothing is left behind when a
 * session ends. Delivery does not wait for the instances to learn of each other's
 * sessions (the user registry broadcast), which would miss a session opened in the last
 * few seconds elsewhere.
 */
class RelayUserDestinationResolver extends DefaultUserDestinationResolver {

	static final String EXCHANGE = "/exchange/amq.direct/";

	RelayUserDestinationResolver(SimpUserRegistry users, String prefix, boolean removeLeadingSlash) {
		super(users);
		setUserDestinationPrefix(prefix);
		setRemoveLeadingSlash(removeLeadingSlash);
	}

	@Override
	public UserDestinationResult resolveDestination(Message<?> message) {
		UserDestinationResult result = super.resolveDestination(message);
		if (result == null || result.getUser() == null || result.getSubscribeDestination() == null) {
			return result;
		}
		String queuePrefix = getDestinationPrefix() + "queue/";
		String subscribed = result.getSubscribeDestination();
		if (!subscribed.startsWith(queuePrefix)) {
			return result;
		}
		String target = EXCHANGE + subscribed.substring(queuePrefix.length()) + "-" + digest(result.getUser());
		return new UserDestinationResult(result.getSourceDestination(), Set.of(target), subscribed, result.getUser());
	}

	/** The routing key names no one in clear: a SHA-256 of the user's name. */
	static String digest(String user) {
		return Sha256.hex(user);
	}

}
