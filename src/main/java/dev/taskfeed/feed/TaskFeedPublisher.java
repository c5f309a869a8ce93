package dev.taskfeed.feed;

import dev.taskfeed.feed.FeedRelaySettings;
import dev.taskfeed.task.TaskChangedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Pushes committed task changes to every session of their owner on
 * {@code /user/queue/tasks}. A rolled-back change never gets here.
 */
@Component
class TaskFeedPublisher {

	static final String DESTINATION = "/queue/tasks";

	private static final Logger logger = LoggerFactory.getLogger(TaskFeedPublisher.class);

	private final SimpMessagingTemplate messaging;

	private final SimpUserRegistry users;

	private final boolean relayed;

	TaskFeedPublisher(SimpMessagingTemplate messaging, SimpUserRegistry users, FeedRelaySettings relay) {
		this.messaging = messaging;
		this.users = users;
		this.relayed = relay.isEnabled();
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void taskChanged(TaskChangedEvent event) {
		if (!this.relayed && this.users.getUser(event.ownerName()) == null) {
			// nobody is watching on this, the only, instance: skip building the message
			return;
		}
		try {
			this.messaging.convertAndSendToUser(event.ownerName(), DESTINATION,
					new TaskFeedMessage(event.change().wireName(), event.task()));
		}
		catch (RuntimeException ex) {
			// the change is committed; a broker hiccup must not turn the request into an
			// error
			logger.warn("Could not push the change of task {} to the live feed: {}", event.task().id(), ex.toString());
		}
	}

}
