package dev.taskfeed.task;

import dev.taskfeed.task.Task;
import dev.taskfeed.task.TaskView;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostUpdate;

import org.springframework.context.ApplicationEventPublisher;

/**
 * JPA entity listener on {@link Task}. Hibernate creates it through Spring (Boot's
 * {@code SpringBeanContainer}), so it is not a {@code @Component}. It runs before the
 * commit, so it only publishes; {@link TaskFeedPublisher} sends after the commit.
 */
public class TaskChangeListener {

	private final ApplicationEventPublisher events;

	public TaskChangeListener(ApplicationEventPublisher events) {
		this.events = events;
	}

	@PostPersist
	@PostUpdate
	void changed(Task task) {
		this.events.publishEvent(new TaskChangedEvent(task.takePendingChange(), TaskView.of(task)));
	}

}
