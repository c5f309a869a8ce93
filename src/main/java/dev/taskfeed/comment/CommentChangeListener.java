package dev.taskfeed.comment;

import dev.taskfeed.user.TaskFeedPrincipal;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * JPA entity listener on {@link Comment}, created by Hibernate through Spring (so not a
 * {@code @Component}). It runs before the commit, so it only publishes; the live feed
 * sends after the commit, and a rolled-back comment is never announced.
 */
public class CommentChangeListener {

	private final ApplicationEventPublisher events;

	public CommentChangeListener(ApplicationEventPublisher events) {
		this.events = events;
	}

	@PostPersist
	void added(Comment comment) {
		publish("comment-added", comment);
	}

	@PostUpdate
	void edited(Comment comment) {
		publish("comment-edited", comment);
	}

	@PostRemove
	void deleted(Comment comment) {
		publish("comment-deleted", comment);
	}

	private void publish(String type, Comment comment) {
		this.events
			.publishEvent(new CommentChangedEvent(type, comment.getProjectId(), CommentView.of(comment), actor()));
	}

	private static CommentView.Author actor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof TaskFeedPrincipal principal) {
			return new CommentView.Author(principal.id(), principal.displayName());
		}
		return null;
	}

}
