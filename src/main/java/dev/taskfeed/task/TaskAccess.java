package dev.taskfeed.task;

import dev.taskfeed.project.ProjectRole;

/** What a user may do with a live task they can see: their role in its project. */
public interface TaskAccess {

	Long getProjectId();

	ProjectRole getRole();

}
