package dev.taskfeed.feed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.taskfeed.comment.CommentChangedEvent;
import dev.taskfeed.project.ProjectAudience;
import dev.taskfeed.project.ProjectAudience.Member;
import dev.taskfeed.project.ProjectMembershipChanged;
import dev.taskfeed.task.TaskChangedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Pushes committed changes on {@code /user/queue/tasks} to every session of every member
 * of the project they concern. The changes of one transaction are gathered while it runs
 * and sent once it commits (a rolled-back change is never sent), with the audience of all
 * of them read in one statement after the commit: a member removed before the change
 * committed gets nothing of it, however many tasks and members there are.
 */
@Component
class TaskFeedPublisher {

	static final String DESTINATION = "/queue/tasks";

	private static final Logger logger = LoggerFactory.getLogger(TaskFeedPublisher.class);

	private final SimpMessagingTemplate messaging;

	private final SimpUserRegistry users;

	private final ProjectAudience audience;

	private final ProjectPresence presence;

	private final boolean relayed;

	TaskFeedPublisher(SimpMessagingTemplate messaging, SimpUserRegistry users, ProjectAudience audience,
			ProjectPresence presence, FeedRelaySettings relay) {
		this.messaging = messaging;
		this.users = users;
		this.audience = audience;
		this.presence = presence;
		this.relayed = relay.isEnabled();
	}

	@EventListener
	void taskChanged(TaskChangedEvent event) {
		gather(event);
	}

	@EventListener
	void membershipChanged(ProjectMembershipChanged event) {
		gather(event);
	}

	@EventListener
	void commentChanged(CommentChangedEvent event) {
		gather(event);
	}

	/**
	 * Adds the change to its transaction's batch; outside a transaction, nothing is sent.
	 */
	private void gather(Object change) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		Batch batch = (Batch) TransactionSynchronizationManager.getResource(this);
		if (batch == null) {
			batch = new Batch();
			TransactionSynchronizationManager.bindResource(this, batch);
			TransactionSynchronizationManager.registerSynchronization(batch);
		}
		batch.changes.add(change);
	}

	private void publish(List<Object> changes) {
		// a change to a shared project's membership
		// also changes who is shown online there
		changes.stream()
			.filter(ProjectMembershipChanged.class::isInstance)
			.forEach((change) -> this.presence.membershipChanged(((ProjectMembershipChanged) change).project().id()));
		if (!this.relayed && this.users.getUserCount() == 0) {
			// nobody is watching on this, the only, instance
			return;
		}
		Map<Long, List<Member>> members = this.audience.membersOf(projectsOf(changes));
		for (Object change : changes) {
			try {
				if (change instanceof TaskChangedEvent task) {
					publish(task, members);
				}
				else if (change instanceof ProjectMembershipChanged membership) {
					publish(membership, members);
				}
				else if (change instanceof CommentChangedEvent comment) {
					TaskFeedMessage message = new TaskFeedMessage.Comment(comment.type(), comment.comment().taskId(),
							comment.comment(), comment.actor());
					members.getOrDefault(comment.projectId(), List.of())
						.forEach((member) -> send(member.name(), message));
				}
			}
			catch (RuntimeException ex) {
				// the change is committed;
				// a broker hiccup must not turn the request into an error
				logger.warn("Could not push a change to the live feed: {}", ex.toString());
			}
		}
	}

	private void publish(TaskChangedEvent event, Map<Long, List<Member>> members) {
		List<Member> now = members.getOrDefault(event.projectId(), List.of());
		if (event.movedFromProjectId() == null) {
			TaskFeedMessage message = new TaskFeedMessage.Changed(event.change().wireName(), event.task(),
					event.actor());
			now.forEach((member) -> send(member.name(), message));
			return;
		}
		// a move: who could see it before and can now sees an update; who can only now,
		// a new task; who no longer can, its removal
		List<Member> before = members.getOrDefault(event.movedFromProjectId(), List.of());
		Set<Long> hadIt = new HashSet<>();
		before.forEach((member) -> hadIt.add(member.userId()));
		Set<Long> hasIt = new HashSet<>();
		for (Member member : now) {
			hasIt.add(member.userId());
			String type = hadIt.contains(member.userId()) ? "updated" : "created";
			send(member.name(), new TaskFeedMessage.Changed(type, event.task(), event.actor()));
		}
		TaskFeedMessage removed = new TaskFeedMessage.Removed(event.task().id(), event.actor());
		before.stream()
			.filter((member) -> !hasIt.contains(member.userId()))
			.forEach((member) -> send(member.name(), removed));
	}

	private void publish(ProjectMembershipChanged event, Map<Long, List<Member>> members) {
		List<Member> now = members.getOrDefault(event.project().id(), List.of());
		if (event.userId() == null) {
			now.forEach((member) -> send(member.name(),
					new TaskFeedMessage.Project(event.type(), event.project().withRole(member.role()))));
			return;
		}
		Member concerned = now.stream().filter((member) -> member.userId() == event.userId()).findFirst().orElse(null);
		if (ProjectMembershipChanged.JOINED.equals(event.type()) && concerned == null) {
			// removed again before this was sent
			return;
		}
		send(event.userName(), new TaskFeedMessage.Project(event.type(),
				event.project().withRole((concerned != null) ? concerned.role() : null)));
	}

	private void send(String user, TaskFeedMessage message) {
		if (!this.relayed && this.users.getUser(user) == null) {
			return;
		}
		this.messaging.convertAndSendToUser(user, DESTINATION, message);
	}

	private static Set<Long> projectsOf(List<Object> changes) {
		Set<Long> ids = new HashSet<>();
		for (Object change : changes) {
			if (change instanceof TaskChangedEvent task) {
				ids.add(task.projectId());
				if (task.movedFromProjectId() != null) {
					ids.add(task.movedFromProjectId());
				}
			}
			else if (change instanceof ProjectMembershipChanged membership) {
				ids.add(membership.project().id());
			}
			else if (change instanceof CommentChangedEvent comment) {
				ids.add(comment.projectId());
			}
		}
		return ids;
	}

	/** The changes of one transaction, sent when it commits. */
	private final class Batch implements TransactionSynchronization {

		private final List<Object> changes = new ArrayList<>();

		@Override
		public void afterCommit() {
			publish(this.changes);
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(TaskFeedPublisher.this);
		}

	}

}
