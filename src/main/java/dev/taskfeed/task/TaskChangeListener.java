package dev.taskfeed.task;

import dev.taskfeed.user.TaskFeedPrincipal;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostUpdate;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * JPA entity listener on {@link Task}. Hibernate creates it through Spring (Boot's
 * {@code SpringBeanContainer}), so it is not a {@code @Component}. It runs before the
 * commit, so it only publishes; the live feed sends after the commit. The actor is the
 * signed-in user whose request made the change.
 */
public class TaskChangeListener {

	private final ApplicationEventPublisher events;

	public TaskChangeListener(ApplicationEventPublisher events) {
		this.events = events;
	}

	@PostPersist
	@PostUpdate
	void changed(Task task) {
		this.events.publishEvent(new TaskChangedEvent(task.takePendingChange(), TaskView.of(task),
				task.takeMovedFromProjectId(), actor()));
	}

	private static TaskView.Person actor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof TaskFeedPrincipal principal) {
			return new TaskView.Person(principal.id(), principal.displayName());
		}
		return null;
	}

}
