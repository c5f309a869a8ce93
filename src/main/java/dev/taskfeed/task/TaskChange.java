package dev.taskfeed.task;

/** What happened to a task, as the live feed names it. */
public enum TaskChange {

	CREATED("created"), UPDATED("updated"), DELETED("deleted"), RESTORED("restored"),

	/**
	 * Moved to another project: its old project's members see "removed", its new one's
	 * "created".
	 */
	MOVED("updated");

	private final String wireName;

	TaskChange(String wireName) {
		this.wireName = wireName;
	}

	public String wireName() {
		return this.wireName;
	}

}
