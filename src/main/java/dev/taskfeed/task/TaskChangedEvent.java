package dev.taskfeed.task;

import dev.taskfeed.task.TaskChange;
import dev.taskfeed.task.TaskView;

/** A task changed; published inside the transaction, delivered only once it commits. */
public record TaskChangedEvent(TaskChange change, TaskView task) {

	/** The STOMP user the change belongs to. */
	public String ownerName() {
		return this.task.owner().email();
	}

}
