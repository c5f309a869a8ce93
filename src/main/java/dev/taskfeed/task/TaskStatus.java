package dev.taskfeed.task;

public enum TaskStatus {

	TODO, IN_PROGRESS, DONE

}
