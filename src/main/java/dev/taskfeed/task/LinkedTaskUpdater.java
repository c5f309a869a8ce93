package dev.taskfeed.task;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.taskfeed.category.CategoryChangedEvent;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A task's JSON shows its categories, so renaming, recolouring or deleting a category
 * changes every task linked to it: each gets a new version (its ETag moves) and, after
 * the commit, one {@code updated} event on the feed, through the same entity listener as
 * any other change. It runs inside the category's transaction, in a fixed number of
 * statements however many tasks are linked: one lock, one read, one batch of updates (and
 * one of link deletions).
 */
@Component
class LinkedTaskUpdater {

	private final TaskRepository tasks;

	private final Clock clock;

	LinkedTaskUpdater(TaskRepository tasks, Clock clock) {
		this.tasks = tasks;
		this.clock = clock;
	}

	@EventListener
	void categoryChanged(CategoryChangedEvent event) {
		List<Long> ids = this.tasks.lockLinkedTo(event.categoryId());
		if (ids.isEmpty()) {
			return;
		}
		Instant now = Instant.now(this.clock);
		for (Task task : this.tasks.findDetailedByIds(ids)) {
			if (event.deleted()) {
				task.unlink(event.categoryId());
			}
			task.touch(now);
		}
		this.tasks.flush();
	}

}
