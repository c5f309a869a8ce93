package dev.taskfeed.task;

/**
 * A task changed; published inside the transaction, delivered only once it commits.
 *
 * @param change what happened
 * @param task the task as it is now
 * @param movedFromProjectId the project it left, when the change moved it; else null
 * @param actor who made the change (null for a change no signed-in user made)
 */
public record TaskChangedEvent(TaskChange change, TaskView task, Long movedFromProjectId, TaskView.Person actor) {

	public long projectId() {
		return this.task.project().id();
	}

}
