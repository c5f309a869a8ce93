package dev.taskfeed.task;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.taskfeed.common.DomainException;
import dev.taskfeed.project.ProjectClosing;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What a project's tasks need when the project closes to someone, inside the transaction
 * that closes it: a project with live tasks is not deleted (409: move or trash them
 * first), and a member who leaves is no longer anyone's assignee there (each such task
 * changes, and the feed says so).
 */
@Component
class ClosingProjectTasks {

	private final TaskRepository tasks;

	private final Clock clock;

	ClosingProjectTasks(TaskRepository tasks, Clock clock) {
		this.tasks = tasks;
		this.clock = clock;
	}

	@EventListener
	void projectClosing(ProjectClosing event) {
		if (event.projectDeleted()) {
			if (this.tasks.hasLiveTasks(event.projectId())) {
				throw DomainException
					.conflict("The project still has live tasks: move them to another project or trash them first.");
			}
			return;
		}
		List<Long> ids = this.tasks.lockAssigned(event.projectId(), event.leavingUserId());
		if (ids.isEmpty()) {
			return;
		}
		Instant now = Instant.now(this.clock);
		for (Task task : this.tasks.findDetailedByIds(ids)) {
			task.assign(null);
			task.touch(now);
		}
		this.tasks.flush();
	}

}
